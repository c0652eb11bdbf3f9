/** The engine's public, platform-free surface for the renderer: types and tiny pure helpers only. */
export * from './objects';
