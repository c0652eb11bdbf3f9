#!/usr/bin/env node
// `npm start`: the app in Electron where Electron is installed, otherwise the same app in the browser.
// Until the desktop UI lands (issue #5), both paths start the lab's control plane and print how to reach it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    return require('electron'); // the package's main export is the binary path
  } catch {
    return undefined;
  }
}

const electron = electronBinary();
if (electron && process.env.CLUSTER_LAB_BROWSER !== '1') {
  process.stderr.write('cluster-lab: Electron found, but the desktop window arrives with issue #5; starting the lab headless.\n');
} else {
  process.stderr.write('cluster-lab: Electron is not installed here (its binary download failed or was skipped); starting the lab headless.\n');
}
process.stderr.write('cluster-lab: point kubectl at the cluster with the `export KUBECONFIG=…` line below. Ctrl-C stops it.\n');
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'main/serve.ts'), '--headless', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
