/** PersistentVolume, PersistentVolumeClaim, StorageClass and CSINode printers. */
import { age, arr, obj, quantityString, str, strs, stringMap, type Json } from './cell-formats';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);

/** helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP. */
function accessModes(modes: unknown): string {
  const list = strs(modes);
  const out: string[] = [];
  if (list.includes('ReadWriteOnce')) out.push('RWO');
  if (list.includes('ReadOnlyMany')) out.push('ROX');
  if (list.includes('ReadWriteMany')) out.push('RWX');
  if (list.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function storageClassOf(o: Json): string {
  const annotations = stringMap(obj(o.metadata).annotations);
  if (Object.prototype.hasOwnProperty.call(annotations, BETA_STORAGE_CLASS_ANNOTATION)) return str(annotations[BETA_STORAGE_CLASS_ANNOTATION]);
  return str(obj(o.spec).storageClassName);
}

const deleting = (o: Json): boolean => obj(o.metadata).deletionTimestamp !== undefined && obj(o.metadata).deletionTimestamp !== null;
const unsetOr = (v: unknown): string => (typeof v === 'string' ? v : '<unset>');

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Capacity', 'string', 'pvSpec.capacity'),
    docColumn('Access Modes', 'string', 'pvSpec.accessModes'),
    docColumn('Reclaim Policy', 'string', 'pvSpec.persistentVolumeReclaimPolicy'),
    docColumn('Status', 'string', 'pvStatus.phase'),
    docColumn('Claim', 'string', 'pvSpec.claimRef'),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    docColumn('Reason', 'string', 'pvStatus.reason'),
    AGE_COLUMN,
    docColumn('VolumeMode', 'string', 'pvSpec.volumeMode', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const claimRef = spec.claimRef === undefined || spec.claimRef === null ? '' : `${str(obj(spec.claimRef).namespace)}/${str(obj(spec.claimRef).name)}`;
    return {
      cells: [
        name(o),
        quantityString(obj(spec.capacity).storage),
        accessModes(spec.accessModes),
        str(spec.persistentVolumeReclaimPolicy),
        deleting(o) ? 'Terminating' : str(status.phase),
        claimRef,
        storageClassOf(o),
        unsetOr(spec.volumeAttributesClassName),
        str(status.reason),
        age(o, now),
        unsetOr(spec.volumeMode),
      ],
    };
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Status', 'string', 'pvcStatus.phase'),
    docColumn('Volume', 'string', 'pvcSpec.volumeName'),
    docColumn('Capacity', 'string', 'pvcStatus.capacity'),
    docColumn('Access Modes', 'string', 'pvcStatus.accessModes'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COLUMN,
    docColumn('VolumeMode', 'string', 'pvcSpec.volumeMode', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const bound = str(spec.volumeName) !== '';
    return {
      cells: [
        name(o),
        deleting(o) ? 'Terminating' : str(status.phase),
        str(spec.volumeName),
        bound ? quantityString(obj(status.capacity).storage) : '',
        bound ? accessModes(status.accessModes) : '',
        storageClassOf(o),
        unsetOr(spec.volumeAttributesClassName),
        age(o, now),
        unsetOr(spec.volumeMode),
      ],
    };
  },
};

/** storageutil.IsDefaultAnnotation: the GA or the beta is-default-class annotation set to "true". */
function isDefaultClass(o: Json): boolean {
  const a = stringMap(obj(o.metadata).annotations);
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Provisioner', 'string', 'storageClass.provisioner'),
    docColumn('ReclaimPolicy', 'string', 'storageClass.reclaimPolicy'),
    docColumn('VolumeBindingMode', 'string', 'storageClass.volumeBindingMode'),
    docColumn('AllowVolumeExpansion', 'string', 'storageClass.allowVolumeExpansion'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const displayName = isDefaultClass(o) ? `${name(o)} (default)` : name(o);
    return {
      cells: [
        displayName,
        str(o.provisioner),
        typeof o.reclaimPolicy === 'string' ? o.reclaimPolicy : 'Delete',
        typeof o.volumeBindingMode === 'string' ? o.volumeBindingMode : 'Immediate',
        o.allowVolumeExpansion === true,
        age(o, now),
      ],
    };
  },
};

export const csiNodePrinter: KindPrinter = {
  columns: [NAME_COLUMN, column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), arr(obj(o.spec).drivers).length, age(o, now)] }),
};
