export * from './container-runtime';
export { SimulatedRuntime, SANDBOX_IMAGE, FAILED_PULL_MS, pullErrorMessage } from './simulated-runtime';
export type { SimulatedNetwork } from './simulated-network';
export { CATALOGUE_YAML } from './image-catalogue-data';
export {
  loadImageCatalogue,
  defaultImageCatalogue,
  findImage,
  findProgram,
  CatalogueError,
  type ImageCatalogue,
  type ImageSpec,
  type ProgramSpec,
  type ListenSpec,
  type HttpRoute,
  type SignalReaction,
  type InternetHost,
} from './image-catalogue';
export { parseImageReference, fakeImageId, fakeRepoDigest, type ImageReference } from './image-reference';
export { piDigits } from './pi-digits';
export { readTar, writeTar, TarFormatError, type TarEntry } from './ustar';
