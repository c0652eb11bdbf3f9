/**
 * The slice of docker/distribution's reference grammar that defaulting needs: kubelet's
 * parsers.ParseImageName(image) → tag, where a reference with neither tag nor digest means `latest`
 * and an unparsable reference yields no tag at all.
 */
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const nameComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const referenceRegexp = new RegExp(`^((?:${domain}/)?${nameComponent}(?:/${nameComponent})*)(?::(${tag}))?(?:@(${digest}))?$`);
const NAME_TOTAL_LENGTH_MAX = 255;

/** The image's tag as ParseImageName reports it: '' when unparsable or digest-only, 'latest' when absent. */
export function imageTag(image: string): string {
  const m = referenceRegexp.exec(image);
  if (m === null || (m[1] ?? '').length > NAME_TOTAL_LENGTH_MAX) return '';
  const t = m[2] ?? '';
  const d = m[3] ?? '';
  if (t === '' && d === '') return 'latest';
  return t;
}
