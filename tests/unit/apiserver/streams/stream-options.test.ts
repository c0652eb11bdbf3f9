/**
 * The API server's and the kubelet's words for stream requests, checked against upstream 1.32:
 * validateContainer (pkg/registry/core/pod/strategy.go), validateContainerLogStatus (pkg/kubelet/kubelet_pods.go),
 * ValidatePodLogOptions, the remotecommand statuses, Go's RFC3339Nano and the kubelet's LimitWriter.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { StatusError } from '../../../../engine/apiserver/errors/status-error';
import { logInstance, selectContainer } from '../../../../engine/apiserver/streams/container-selection';
import { ByteLimit, rfc3339Nano } from '../../../../engine/apiserver/streams/log-format';
import { parsePodLogOptions } from '../../../../engine/apiserver/streams/log-options';
import { nonZeroExitStatus, parseRemoteCommandOptions, successStatus } from '../../../../engine/apiserver/streams/remote-command-options';
import { Utf8StreamDecoder } from '../../../../engine/apiserver/streams/utf8-stream';

function pod(containers: string[], statuses: object[] = [], init: string[] = []): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { initContainers: init.map((name) => ({ name })), containers: containers.map((name) => ({ name })) },
    status: { containerStatuses: statuses },
  };
}

function statusOf(fn: () => unknown): { code: number; message?: string; reason?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err.status;
    throw err;
  }
  throw new Error('no error');
}

describe('selectContainer (validateContainer)', () => {
  it('defaults to the only container', () => {
    expect(selectContainer(pod(['app']), '')).toBe('app');
  });

  it('lists init, then regular containers when a name is required', () => {
    expect(statusOf(() => selectContainer(pod(['a', 'b'], [], ['setup']), ''))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'a container name must be specified for pod web, choose one of: [setup a b]',
    });
  });

  it('rejects an unknown name', () => {
    expect(statusOf(() => selectContainer(pod(['a', 'b']), 'x')).message).toBe('container x is not valid for pod web');
    expect(selectContainer(pod(['a'], [], ['setup']), 'setup')).toBe('setup');
  });
});

describe('logInstance (validateContainerLogStatus)', () => {
  const waiting = (reason: string) => ({ name: 'c', state: { waiting: { reason } }, lastState: {} });
  it('explains a waiting container', () => {
    expect(statusOf(() => logInstance(pod(['c'], [waiting('ContainerCreating')]), 'c', false))).toMatchObject({
      code: 400,
      message: 'container "c" in pod "web" is waiting to start: ContainerCreating',
    });
    expect(statusOf(() => logInstance(pod(['c'], [waiting('ErrImagePull')]), 'c', false)).message).toBe(`container "c" in pod "web" is waiting to start: image can't be pulled`);
    expect(statusOf(() => logInstance(pod(['c'], [waiting('ImagePullBackOff')]), 'c', false)).message).toBe('container "c" in pod "web" is waiting to start: trying and failing to pull image');
  });

  it('previous needs a terminated last state with a container id', () => {
    expect(statusOf(() => logInstance(pod(['c'], [{ name: 'c', state: { running: {} }, lastState: {} }]), 'c', true)).message).toBe('previous terminated container "c" in pod "web" not found');
    expect(logInstance(pod(['c'], [{ name: 'c', state: { running: {} }, lastState: { terminated: { containerID: 'containerd://1' } } }]), 'c', true)).toBe('previous');
  });

  it('a crash-looping container (waiting, last terminated) shows its last instance', () => {
    expect(logInstance(pod(['c'], [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { containerID: 'x' } } }]), 'c', false)).toBe('previous');
  });

  it('a container without status is not available', () => {
    expect(statusOf(() => logInstance(pod(['c']), 'c', false)).message).toBe('container "c" in pod "web" is not available');
  });
});

describe('PodLogOptions', () => {
  it('parses the query kubectl sends', () => {
    expect(parsePodLogOptions({ container: ['a'], follow: ['true'], tailLines: ['10'], timestamps: ['true'], sinceSeconds: ['60'] }, 'web')).toEqual({
      container: 'a',
      follow: true,
      previous: false,
      timestamps: true,
      sinceSeconds: 60,
      sinceTimeMs: undefined,
      tailLines: 10,
      limitBytes: undefined,
    });
  });

  it('validates as ValidatePodLogOptions', () => {
    const s = statusOf(() => parsePodLogOptions({ tailLines: ['-1'], limitBytes: ['0'] }, 'web')) as { code: number; message?: string };
    expect(s.code).toBe(422);
    expect(s.message).toBe('PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]');
    expect(statusOf(() => parsePodLogOptions({ sinceSeconds: ['5'], sinceTime: ['2026-11-23T18:00:00Z'] }, 'web')).message).toBe(
      // field.NewPath("") renders as an empty field name.
      'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
  });
});

describe('log rendering', () => {
  it("formats timestamps as Go's RFC3339Nano (trailing zeros dropped)", () => {
    expect(rfc3339Nano(Date.UTC(2026, 10, 23, 18, 13, 59, 120))).toBe('2026-11-23T18:13:59.12Z');
    expect(rfc3339Nano(Date.UTC(2026, 10, 23, 18, 13, 59, 0))).toBe('2026-11-23T18:13:59Z');
    expect(rfc3339Nano(Date.UTC(2026, 10, 23, 18, 13, 59, 5))).toBe('2026-11-23T18:13:59.005Z');
  });

  it('limitBytes counts UTF-8 bytes across lines', () => {
    const limit = new ByteLimit(5);
    expect(limit.take('abc\n')).toBe('abc\n');
    expect(limit.take('def\n')).toBe('d');
    expect(limit.exhausted).toBe(true);
    expect(limit.take('more')).toBe('');
  });
});

describe('remote command options and statuses', () => {
  it('drops stderr under a TTY and needs at least one stream', () => {
    expect(parseRemoteCommandOptions({ command: ['sh', '-c', 'ls'], stdin: ['true'], stdout: ['true'], stderr: ['true'], tty: ['true'] }, true)).toEqual({
      container: '',
      command: ['sh', '-c', 'ls'],
      stdin: true,
      stdout: true,
      stderr: false,
      tty: true,
    });
    expect(statusOf(() => parseRemoteCommandOptions({}, true)).message).toBe('you must specify at least 1 of stdin, stdout, stderr');
  });

  it('writes metav1.Status without TypeMeta on the error channel', () => {
    expect(JSON.stringify(successStatus())).toBe('{"metadata":{},"status":"Success"}');
    expect(nonZeroExitStatus(['sh', '-c', 'exit 3'], 3)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});

describe('Utf8StreamDecoder', () => {
  it('keeps a character split across frames whole', () => {
    const bytes = Buffer.from('ü€', 'utf8'); // c3 bc e2 82 ac
    const d = new Utf8StreamDecoder();
    expect(d.write(bytes.subarray(0, 1))).toBe('');
    expect(d.write(bytes.subarray(1, 3))).toBe('ü');
    expect(d.write(bytes.subarray(3))).toBe('€');
    expect(d.end()).toBe('');
  });
});
