/** Guided labs: the format (lab-types, load-lab), what the UI shows of a lab, and the runner that checks it. */
import type { Lab } from './lab-types';

export type { Check, CheckReport, Condition, Hint, Lab, LabProgress, LabStepDef, LocalizedText, SolutionCommand, StepState } from './lab-types';
export { LabFormatError, loadLab, type LabProblem } from './load-lab';
export { LabRunner, initialProgress, type LabRunnerOptions } from './lab-runner';
export { evaluateCondition, resourceRef, valueAt } from './evaluate-condition';

export function labSummary(lab: Lab) {
  return { id: lab.id, title: lab.title, summary: lab.summary, source: lab.source, steps: lab.steps.length, estimatedMinutes: lab.estimatedMinutes };
}

export function labDocument(lab: Lab) {
  return { ...labSummary(lab), intro: lab.intro, stepList: lab.steps.map((s) => ({ id: s.id, title: s.title, body: s.body })) };
}

export function labClusterSpec(lab: Lab) {
  return { nodes: lab.cluster.nodes, zones: [...lab.cluster.zones], proxyMode: lab.cluster.proxyMode, manifests: [...lab.cluster.manifests] };
}

