/** The lab.clusterlab.dev/v1 group: its CRDs (created at bootstrap) and the controllers behind Clock and Fault. */
export { CLOCK_NAME, CLOCKS, FAULTS, FAULT_TYPES, HEAL_FINALIZER, LAB_API_VERSION, LAB_GROUP, LAB_VERSION, LEADER_ELECTED_COMPONENTS, type FaultType, type LabCondition, type LeaderElectedComponent } from './lab-group';
export { labCustomResourceDefinitions } from './lab-crds';
export { CLOCK_STATUS_REFRESH_MS, ClockController, ensureClock, virtualClockControl, type ClockControl } from './clock-controller';
export { DEFAULT_CRASH_EXIT_CODE, FaultController, type FaultKubelet, type FaultTargets, type LeaderElectedTarget } from './fault-controller';
