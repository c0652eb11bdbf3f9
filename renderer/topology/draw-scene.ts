/**
 * Draws a topology Scene on a 2D canvas — zones as columns, nodes as boxes, pods as 10 px squares — batching fills
 * by colour (one path per colour, so 10,000 pods cost a handful of fill calls), and returns the pods' hit boxes.
 */
import type { PodBox, PodLook, Scene } from './topology-model';

export const POD_SIZE = 10;

export interface Hit {
  x: number;
  y: number;
  pod: PodBox;
}

export function drawScene(g: CanvasRenderingContext2D, scene: Scene, w: number, h: number, colors: Record<PodLook | 'fg' | 'muted' | 'border' | 'err', string>, unscheduledLabel: string): Hit[] {
  const hits: Hit[] = [];
  const byColor = new Map<string, Array<[number, number]>>();
  const square = (x: number, y: number, pod: PodBox) => {
    hits.push({ x, y, pod });
    const c = colors[pod.look];
    let list = byColor.get(c);
    if (!list) byColor.set(c, (list = []));
    list.push([x, y]);
  };
  g.clearRect(0, 0, w, h);
  g.font = '11px system-ui';
  const zones = scene.zones;
  const colW = Math.max(140, (w - 16) / Math.max(1, zones.length));
  const step = POD_SIZE + 2;
  zones.forEach((z, zi) => {
    let y = 18;
    const x0 = 8 + zi * colW;
    g.fillStyle = colors.muted;
    g.fillText(z.zone || '(no zone)', x0, 12);
    const perRow = Math.max(1, Math.floor((colW - 20) / step));
    for (const n of z.nodes) {
      const rows = Math.max(1, Math.ceil(n.pods.length / perRow));
      const boxH = 20 + rows * step;
      if (y < h) {
        g.strokeStyle = n.ready ? colors.border : colors.err;
        g.strokeRect(x0, y, colW - 8, boxH);
        g.fillStyle = colors.fg;
        g.fillText(`${n.name}${n.ready ? '' : ' (NotReady)'}`, x0 + 4, y + 12);
      }
      n.pods.forEach((p, i) => square(x0 + 4 + (i % perRow) * step, y + 16 + Math.floor(i / perRow) * step, p));
      y += boxH + 6;
    }
  });
  if (scene.unscheduled.length > 0) {
    const y = h - 22;
    g.fillStyle = colors.muted;
    g.fillText(unscheduledLabel, 8, y - 4);
    scene.unscheduled.forEach((p, i) => square(8 + i * step, y, p));
  }
  for (const [color, squares] of byColor) {
    g.fillStyle = color;
    g.beginPath();
    for (const [x, y] of squares) if (y < h) g.rect(x, y, POD_SIZE, POD_SIZE);
    g.fill();
  }
  return hits;
}
