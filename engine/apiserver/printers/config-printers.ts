/** ConfigMap, Secret, ServiceAccount and ResourceQuota printers. */
import { age, arr, obj, quantityString, str, type Json } from './cell-formats';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);
const size = (v: unknown): number => Object.keys(obj(v)).length;

export const configMapPrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Data', 'string', 'configMap.data'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), size(o.data) + size(o.binaryData), age(o, now)] }),
};

export const secretPrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Type', 'string', 'secret.type'), docColumn('Data', 'string', 'secret.data'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), str(o.type), size(o.data), age(o, now)] }),
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Secrets', 'string', 'serviceAccount.secrets'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), arr(o.secrets).length, age(o, now)] }),
};

export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const status = obj(o.status);
    const hard = obj(status.hard);
    const used = obj(status.used);
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
      target.push(`${resource}: ${quantityString(used[resource])}/${quantityString(hard[resource])}`);
    }
    return { cells: [name(o), requests.join(', '), limits.join(', '), age(o, now)] };
  },
};
