#!/usr/bin/env node
// The `cluster-lab` command: runs main/serve.ts through tsx in this process, from any working directory
// (tsx is resolved relative to this file, not to the caller's cwd).
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../main/serve.ts', import.meta.url).href);
await main(process.argv.slice(2));
