import { describe, expect, it } from 'vitest';
import { PODS, START, podSpec, start } from './kubelet-harness';

