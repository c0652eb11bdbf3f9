/**
 * postStart / preStop handlers (pkg/kubelet/lifecycle/handlers.go): exec in the container, httpGet against the
 * pod IP, or sleep. Resolves with an error message on failure.
 */
import type { LifecycleHandler } from 'kubernetes-types/core/v1';
import type { Clock } from '../base/clock';
import type { ContainerRuntime } from './runtime/container-runtime';

export async function runHook(handler: LifecycleHandler, runtime: ContainerRuntime, clock: Clock, containerId: string, sandboxId: string, podIp: string, timeoutSeconds: number): Promise<string | undefined> {
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    let res;
    try {
      res = await runtime.execSync(containerId, cmd, timeoutSeconds);
    } catch (err) {
      return `Exec lifecycle hook (${cmd.join(' ')}) for Container in Pod failed - error: ${(err as Error).message}, message: ""`;
    }
    if (res.exitCode !== 0) return `Exec lifecycle hook (${JSON.stringify(cmd).slice(1, -1).replace(/","/g, ' ').replace(/"/g, '')}) for Container in Pod failed - error: command '${cmd.join(' ')}' exited with ${res.exitCode}: ${res.stdout}${res.stderr}, message: "${res.stdout}${res.stderr}"`;
    return undefined;
  }
  if (handler.httpGet) {
    const port = typeof handler.httpGet.port === 'number' ? handler.httpGet.port : Number(handler.httpGet.port);
    const res = await runtime.httpGet(sandboxId, port, handler.httpGet.path ?? '/', {}, timeoutSeconds);
    if (res.kind === 'response' && res.status >= 200 && res.status < 400) return undefined;
    const url = `http://${handler.httpGet.host || podIp}:${port}${handler.httpGet.path ?? '/'}`;
    return res.kind === 'response' ? `HTTP lifecycle hook (${handler.httpGet.path ?? '/'}) for Container in Pod failed - error: Get "${url}": HTTP status ${res.status}` : `HTTP lifecycle hook (${handler.httpGet.path ?? '/'}) for Container in Pod failed - error: Get "${url}": dial tcp ${podIp}:${port}: connect: connection refused`;
  }
  if (handler.sleep) {
    const ms = Math.min(handler.sleep.seconds, timeoutSeconds) * 1000;
    await new Promise<void>((resolve) => clock.setTimer(ms, resolve));
  }
  return undefined;
}
