/**
 * Upstream Kubernetes 1.32 validation texts, spelled out once so the bad-requests table can state expectations.
 * Each is quoted from k8s.io/apimachinery v0.32 (pkg/util/validation/validation.go: the *ErrMsg constants joined
 * by RegexError, which writes "(e.g. 'a',  or 'b', regex used for validation is '...')" — note the double
 * space that its loop produces between examples) or from the named upstream file.
 */

/** RegexError(msg, fmt, examples...) of apimachinery's util/validation. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export const DNS1123_SUBDOMAIN_MSG = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`,
  'example.com',
);
export const DNS1123_LABEL_MSG = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  DNS1123_LABEL_FMT,
  'my-name',
  '123-abc',
);
export const DNS1035_LABEL_MSG = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  '[a-z]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  'abc-123',
);
export const QUALIFIED_NAME_PART_MSG = `name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`;
export const QUALIFIED_NAME_SHAPE_MSG = `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
export const LABEL_VALUE_MSG = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  `(${QUALIFIED_NAME_FMT})?`,
  'MyValue',
  'my_value',
  '12345',
);
export const CONFIG_KEY_MSG = regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name');
/** MaxLenError(n). */
export const maxLen = (n: number): string => `must be no more than ${n} characters`;
/** InclusiveRangeError(1, 65535) as IsValidPortNum returns it. */
export const PORT_RANGE_MSG = 'must be between 1 and 65535, inclusive';
/** apimachinery's isNegativeErrorMsg (ValidateNonnegativeField). */
export const NEGATIVE_MSG = 'must be greater than or equal to 0';
/** apimachinery/pkg/api/validation FieldImmutableErrorMsg. */
export const IMMUTABLE_MSG = 'field is immutable';
/** k8s.io/apimachinery/pkg/api/resource ErrFormatWrong. */
export const QUANTITY_FORMAT_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** staging apiserver negotiation errUnsupportedMediaType / errNotAcceptable. */
export const unsupportedMediaType = (types: string[]): string =>
  `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}`;
export const notAcceptable = (types: string[]): string => `only the following media types are accepted: ${types.join(', ')}`;
/** apimachinery errors.NewConflict's message for a stale resourceVersion (storage.ErrResourceVersionConflicts wording). */
export const conflictMessage = (resource: string, name: string): string =>
  `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
