import { labelValue } from '../../mapping/names.js';
import { goString } from './holes.js';
import type { ChartModel } from './model.js';
import { serviceVar } from './templates.js';

/**
 * templates/NOTES.txt, which `helm install` prints: how to reach each service that compose
 * publishes, as the values have it now (port-forward, node port, load balancer or Ingress).
 */
export function notesTemplate(model: ChartModel, project: string): string {
  const lines = [
    `{{- /* app.kubernetes.io/managed-by: compose2kube */ -}}`,
    `The compose project "${project}" runs as release {{ .Release.Name }} in namespace {{ .Release.Namespace }}.`,
    `Watch it start: kubectl get pods -n {{ .Release.Namespace }} -l app.kubernetes.io/part-of=${labelValue(project)} -w`,
  ];
  const published = [...model.services.values()].filter((s) => s.service || s.ingress);
  if (published.length > 0) lines.push('', 'Reaching what compose published:');
  for (const s of published) {
    const v = serviceVar(s);
    lines.push(`{{- ${v} := index .Values.services ${goString(s.compose)} }}`);
    const ports = s.service?.published ?? [];
    const service = s.service?.serviceName ?? s.kube;
    const forward = ports.map((p) => `${p.port}:${p.port}`).join(' ');
    if (s.ingress) {
      lines.push(
        `{{- if ${v}.ingress.enabled }}`,
        `{{- range ${v}.ingress.hosts }}{{ $host := .host }}`,
        `{{- range .paths }}`,
        `  ${s.compose}: http{{ if ${v}.ingress.tls }}s{{ end }}://{{ $host | default "<ingress address>" }}{{ .path }}`,
        `{{- end }}`,
        `{{- end }}`,
        `{{- end }}`,
      );
    }
    if (s.service) {
      lines.push(
        `{{- if eq ${v}.service.type "LoadBalancer" }}`,
        `  ${s.compose}: ports ${ports.map((p) => p.port).join(', ')} on the external address of Service ${service}: kubectl get service ${service} -n {{ .Release.Namespace }} -w`,
        `{{- else if eq ${v}.service.type "NodePort" }}`,
        `  ${s.compose}: on every node, at the node ports of Service ${service}: kubectl get service ${service} -n {{ .Release.Namespace }} -o jsonpath='{.spec.ports[*].nodePort}'`,
        `{{- else }}`,
        `  ${s.compose}: kubectl port-forward -n {{ .Release.Namespace }} service/${s.kube} ${forward || `${s.ingress?.backend.port}:${s.ingress?.backend.port}`}  (then localhost, as with compose)`,
        `{{- end }}`,
      );
    } else if (s.ingress) {
      lines.push(`{{- if not ${v}.ingress.enabled }}`, `  ${s.compose}: kubectl port-forward -n {{ .Release.Namespace }} service/${s.kube} ${s.ingress.backend.port}:${s.ingress.backend.port}`, `{{- end }}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
