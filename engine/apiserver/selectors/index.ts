export type { LabelMatcher } from './label-matcher';
export { everythingSelector, nothingSelector, selectorFromRequirements } from './label-matcher';
export type { LabelOperator, Requirement, Labels } from './label-requirement';
export { requirementMatches, requirementString } from './label-requirement';
export { parseLabelSelector, parseLabelRequirements } from './label-selector-parser';
export { labelSelectorFromMeta, labelSelectorRequirements, formatLabelSelector, formatLabels } from './label-selector-meta';
export type { FieldMatcher, FieldTerm } from './field-selector';
export { parseFieldSelector, parseFieldTerms, escapeFieldValue, unescapeFieldValue } from './field-selector';
export { selectableFields, convertFieldLabel } from './selectable-fields';
