/**
 * A set of field paths, shaped like fieldpath.Set: per node, the path elements that are members (the path
 * ends there) and the children (paths continue). It serializes to and from the managedFields `fieldsV1`
 * encoding, where a member that also has children is written `".": {}` and keys appear in upstream's
 * sorted order.
 */
import { comparePathElements, parsePathElementKey, pathElementKey, type FieldPath, type PathElement } from './path-element';

export type FieldsV1 = { [key: string]: FieldsV1 };

export class FieldSet {
  /** Keyed by the fieldsV1 key, which is canonical for a path element. */
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, { pe: PathElement; set: FieldSet }>();

  static fromPaths(paths: Iterable<FieldPath>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) node = node.descend(path[i] as PathElement);
    const last = path[path.length - 1] as PathElement;
    node.members.set(pathElementKey(last), last);
  }

  private descend(pe: PathElement): FieldSet {
    const key = pathElementKey(pe);
    let child = this.children.get(key);
    if (child === undefined) {
      child = { pe, set: new FieldSet() };
      this.children.set(key, child);
    }
    return child.set;
  }

  has(path: FieldPath): boolean {
    let node: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1; i++) {
      node = node.children.get(pathElementKey(path[i] as PathElement))?.set;
      if (node === undefined) return false;
    }
    const last = path[path.length - 1];
    return last !== undefined && node.members.has(pathElementKey(last));
  }

  childSet(pe: PathElement): FieldSet | undefined {
    return this.children.get(pathElementKey(pe))?.set;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  union(other: FieldSet): FieldSet {
    const out = this.copy();
    out.insertAll(other);
    return out;
  }

  /**
   * Inserts every path of `other`, node by node in forEach order: the same result, map order and stored path
   * elements as inserting each path (a member already present takes `other`'s element, a child keeps its own).
   */
  private insertAll(other: FieldSet): void {
    for (const { key, pe, isMember, child } of other.sortedEntries()) {
      if (isMember) this.members.set(key, pe);
      if (child !== undefined && !child.isEmpty()) this.descend(pe).insertAll(child);
    }
  }

  /**
   * Paths in this set that are not in `other` (exact paths; descendants are unaffected). Built node by node in
   * forEach order, giving the same maps as inserting each surviving path.
   */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const { key, pe, isMember, child } of this.sortedEntries()) {
      if (isMember && !other.members.has(key)) out.members.set(key, pe);
      if (child === undefined) continue;
      const otherChild = other.children.get(key)?.set;
      const rest = otherChild === undefined ? child.copy() : child.difference(otherChild);
      if (!rest.isEmpty()) out.children.set(key, { pe, set: rest });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    this.forEach((p) => {
      if (other.has(p)) out.insert(p);
    });
    return out;
  }

  /** Whether `prefix` or any path below it is in the set. */
  hasPrefix(prefix: FieldPath): boolean {
    if (prefix.length === 0) return !this.isEmpty();
    if (this.has(prefix)) return true;
    let node: FieldSet | undefined = this;
    for (const pe of prefix) {
      node = node.children.get(pathElementKey(pe))?.set;
      if (node === undefined) return false;
    }
    return !node.isEmpty();
  }

  /** The set without every path that starts with one of `prefixes` (fieldpath.NewExcludeSetFilter). */
  withoutPrefixes(prefixes: readonly FieldPath[]): FieldSet {
    if (prefixes.length === 0) return this;
    const out = new FieldSet();
    this.forEach((p) => {
      const excluded = prefixes.some((pre) => pre.length <= p.length && pre.every((pe, i) => pathElementKey(pe) === pathElementKey(p[i] as PathElement)));
      if (!excluded) out.insert(p);
    });
    return out;
  }

  /**
   * A copy without empty branches, built node by node in the order forEach visits them (the same maps, in the
   * same insertion order, that inserting every path would build, without materialising the paths).
   */
  copy(): FieldSet {
    const out = new FieldSet();
    for (const { key, pe, isMember, child } of this.sortedEntries()) {
      if (isMember) out.members.set(key, pe);
      if (child !== undefined && !child.isEmpty()) out.children.set(key, { pe, set: child.copy() });
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(other.toFieldsV1());
  }

  /** Every member path, in upstream's sorted order (members and children of a node interleaved by element). */
  forEach(fn: (path: FieldPath) => void, prefix: PathElement[] = []): void {
    for (const { pe, isMember, child } of this.sortedEntries()) {
      const path = [...prefix, pe];
      if (isMember) fn(path);
      if (child !== undefined) child.forEach(fn, path);
    }
  }

  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    this.forEach((p) => out.push(p));
    return out;
  }

  private sortedEntries(): { key: string; pe: PathElement; isMember: boolean; child: FieldSet | undefined }[] {
    const keys = new Set([...this.members.keys(), ...this.children.keys()]);
    return [...keys]
      .map((k) => ({
        key: k,
        pe: (this.members.get(k) ?? this.children.get(k)?.pe) as PathElement,
        isMember: this.members.has(k),
        child: this.children.get(k)?.set,
      }))
      .filter((e) => e.isMember || (e.child !== undefined && !e.child.isEmpty()))
      .sort((a, b) => comparePathElements(a.pe, b.pe));
  }

  /** Set.ToJSON: `{"f:spec":{"f:replicas":{}}}`; a member with children carries `".":{}` first. */
  toFieldsV1(): FieldsV1 {
    const out: FieldsV1 = {};
    for (const { pe, isMember, child } of this.sortedEntries()) {
      const inner: FieldsV1 = {};
      if (child !== undefined && !child.isEmpty()) {
        if (isMember) inner['.'] = {};
        Object.assign(inner, child.toFieldsV1());
      }
      out[pathElementKey(pe)] = inner;
    }
    return out;
  }

  /** Set.FromJSON: an empty object marks a member; `"."` marks a member that also has children. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    const walk = (obj: unknown, prefix: PathElement[]): void => {
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
      const entries = Object.entries(obj as Record<string, unknown>);
      for (const [k, v] of entries) {
        if (k === '.') continue;
        const pe = parsePathElementKey(k);
        if (pe === undefined) continue;
        const path = [...prefix, pe];
        const inner = v !== null && typeof v === 'object' ? Object.keys(v as object) : [];
        if (inner.length === 0 || inner.includes('.')) set.insert(path);
        walk(v, path);
      }
    };
    walk(fields, []);
    return set;
  }
}
