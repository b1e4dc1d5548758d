export { isOverlayName, kustomizeOverlays, type Overlay } from './overlays.js';
