/** An image reference split the way charts expose it: `repository[:tag][@digest]`. */
export interface ImageRef {
  repository: string;
  tag: string;
  digest: string;
}

export function splitImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? '' : image.slice(at + 1);
  // A colon after the last slash starts the tag; one before it is a registry port.
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  return { repository: tagged ? name.slice(0, colon) : name, tag: tagged ? name.slice(colon + 1) : '', digest };
}

/** The inverse of splitImage, as the chart's image helper joins the values. */
export function joinImage(ref: ImageRef): string {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
