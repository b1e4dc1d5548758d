import type { MappedObject } from '../mapping/context.js';
import { filesLayout } from './layouts/files.js';
import { orderObjects } from './order.js';
import { emitDocuments, streamOf, type EmitContext, type EmitOptions, type OutputFile } from './yaml.js';

/** All objects as one multi-document stream, in apply order. */
export function emitStream(objects: readonly MappedObject[], options: EmitOptions = {}, context: EmitContext = {}): string {
  return streamOf(emitDocuments(orderObjects(objects), options, context).map((d) => ({ content: d.text })));
}

/** One file per object (`<rank>-<name>-<kind>.yaml`), in apply order. */
export function emitFiles(objects: readonly MappedObject[], options: EmitOptions = {}, context: EmitContext = {}): OutputFile[] {
  return filesLayout(orderObjects(objects), options, context);
}
