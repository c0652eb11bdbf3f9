/** The core/v1 and discovery/v1 shapes these controllers read and write, as cached objects (KubeObject metadata). */
import type { Endpoints, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../api/objects';

export type PodObject = Pod & KubeObject;
export type ServiceObject = Service & KubeObject;
export type NodeObject = Node & KubeObject;
export type EndpointsObject = Endpoints & KubeObject;
export type EndpointSliceObject = EndpointSlice & KubeObject;
