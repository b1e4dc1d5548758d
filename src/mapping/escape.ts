/**
 * Kubernetes expands `$(VAR)` in a container's command, args and env values and turns `$$` into
 * `$`. A compose value containing either would arrive changed, so such strings get every `$`
 * doubled, which Kubernetes turns back into exactly the original text.
 */
export function escapeKubeExpansion(value: string): string {
  return value.includes('$$') || value.includes('$(') ? value.replace(/\$/g, '$$$$') : value;
}
