import { test } from 'vitest';
import { newRuntime, startPod } from '/work/main/tests/unit/kubelet/runtime/runtime-harness';
test('dbg', async () => {
  const { clock, runtime } = newRuntime();
  const { containerId } = await startPod(clock, runtime, { image: 'busybox', command: ['sh', '-c', 'sleep 1000 & wait; echo waited $?'] });
  console.log(await runtime.execSync(containerId, ['ps'], 5));
  console.log(await runtime.execSync(containerId, ['kill', '-TERM', '1'], 5));
});
