/** ServiceAccount: ValidateServiceAccount checks only metadata (done by the registry); no status, no generation. */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import type { KindStrategy } from '../../registry/strategy';

export const serviceAccountStrategy: KindStrategy<ServiceAccount & KubeObject> = {};
