/**
 * Per-kind behaviour, modelled on k8s.io/apiserver's RESTCreateStrategy/RESTUpdateStrategy and each kind's
 * pkg/registry/<group>/<kind>/strategy.go. The generic registry (registry/generic-registry.ts) calls these in
 * upstream's order:
 *   create: defaults → prepareForCreate → admission (mutating) → validate (+ metadata) → admission (validating)
 *   update: defaults → prepareForUpdate → admission → validateUpdate (+ metadata, immutables) → admission
 * All hooks mutate the object they are given (already a private copy) and never touch the store.
 */
import type { KubeObject } from '../../api/objects';
import type { FieldError } from '../errors/field-errors';

export interface StrategyContext {
  /** Virtual now in ms, for timestamps the strategy sets. */
  now: number;
  /** The subresource being written ('' for the main resource), e.g. 'status'. */
  subresource: string;
}

export interface KindStrategy<T extends KubeObject = KubeObject> {
  /** SetDefaults_* exactly as upstream's defaulting (pkg/apis/<group>/v1/defaults.go + generated defaulters). */
  defaults?(obj: T): void;
  /** PrepareForCreate: e.g. clear `status`, set generation to 1. */
  prepareForCreate?(obj: T, ctx: StrategyContext): void;
  /** PrepareForUpdate: e.g. keep old status on spec writes, bump generation when spec changes. */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /** Validate the whole object on create (ObjectMeta is validated by the registry, not here). */
  validate?(obj: T, ctx: StrategyContext): FieldError[];
  /** Validate an update, including immutable fields. */
  validateUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /** Warnings returned as `Warning: 299 - "..."` headers (e.g. deprecated fields). */
  warnings?(obj: T, old: T | undefined): string[];
  /** Status-subresource writes: keep spec from old, take status from new (StatusStrategy.PrepareForUpdate). */
  prepareForStatusUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  validateStatusUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
}
