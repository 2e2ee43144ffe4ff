{{/* Names, labels, the shared pieces of the pod specs, and the chart's own checks. */}}

{{- define "kmsg.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kmsg.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kmsg.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Helm's recommended labels; call with (dict "ctx" $ "component" "consumer"). */}}
{{- define "kmsg.labels" -}}
helm.sh/chart: {{ include "kmsg.chart" .ctx }}
{{ include "kmsg.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: kmsg
{{- end -}}

{{- define "kmsg.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kmsg.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "kmsg.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "kmsg.dlqTopic" -}}
{{- default (printf "%s.dlq" .Values.input.topic) .Values.dlqTopic -}}
{{- end -}}

{{- define "kmsg.saslOn" -}}
{{- if and .Values.security.enabled (hasPrefix "SASL" .Values.security.protocol) }}true{{ end -}}
{{- end -}}

{{- define "kmsg.tlsOn" -}}
{{- if and .Values.security.enabled (hasSuffix "SSL" .Values.security.protocol) }}true{{ end -}}
{{- end -}}

{{/*
The global flags every kmsg container gets, one YAML list item each: the brokers, the log
format and, when security is on, the connection's protocol, user, password FILE and TLS files.
Call with (dict "ctx" $ "role" "consumer").
*/}}
{{- define "kmsg.globalArgs" -}}
{{- $v := .ctx.Values -}}
- --bootstrap={{ $v.kafka.bootstrapServers }}
- --timeout={{ $v.kafka.timeout }}
- --log-format={{ $v.logFormat }}
{{- with $v.logLevel }}
- --log-level={{ . }}
{{- end }}
{{- with $v.schemaRegistry.url }}
- --schema-registry={{ . }}
{{- end }}
{{- if $v.security.enabled }}
- --security-protocol={{ $v.security.protocol }}
{{- if include "kmsg.saslOn" .ctx }}
- --sasl-mechanism={{ $v.security.saslMechanism }}
- --sasl-password-file={{ $v.mountRoot }}/sasl/password
{{- end }}
{{- if include "kmsg.tlsOn" .ctx }}
{{- if $v.security.tls.caSecret.name }}
- --tls-ca={{ $v.mountRoot }}/tls/ca.pem
{{- end }}
{{- if $v.security.tls.clientCertSecret.name }}
- --tls-cert={{ $v.mountRoot }}/tls-client/tls.crt
- --tls-key={{ $v.mountRoot }}/tls-client/tls.key
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
The env of a role's container: only the SASL user name (KMSG_SASL_USERNAME; an env value, not a
flag, so KEDA's TriggerAuthentication can read it from the consumer's container). Never a password.
*/}}
{{- define "kmsg.env" -}}
{{- if include "kmsg.saslOn" .ctx }}
- name: KMSG_SASL_USERNAME
  value: {{ (index .ctx.Values.security.users .role).username | quote }}
{{- end }}
{{- end -}}

{{/* The Secret volumes of a role (password file, CA, client certificate). */}}
{{- define "kmsg.secretVolumes" -}}
{{- $v := .ctx.Values -}}
{{- if $v.security.enabled }}
{{- if include "kmsg.saslOn" .ctx }}
{{- $user := index $v.security.users .role }}
- name: sasl
  secret:
    secretName: {{ $user.passwordSecret.name }}
    defaultMode: 288  # 0440
    items:
      - key: {{ $user.passwordSecret.key }}
        path: password
{{- end }}
{{- if include "kmsg.tlsOn" .ctx }}
{{- with $v.security.tls.caSecret }}
{{- if .name }}
- name: tls-ca
  secret:
    secretName: {{ .name }}
    defaultMode: 292  # 0444
    items:
      - key: {{ .key }}
        path: ca.pem
{{- end }}
{{- end }}
{{- with $v.security.tls.clientCertSecret }}
{{- if .name }}
- name: tls-client
  secret:
    secretName: {{ .name }}
    defaultMode: 288  # 0440
    items:
      - key: {{ .certKey }}
        path: tls.crt
      - key: {{ .keyKey }}
        path: tls.key
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "kmsg.secretMounts" -}}
{{- $v := .ctx.Values -}}
{{- if $v.security.enabled }}
{{- if include "kmsg.saslOn" .ctx }}
- name: sasl
  mountPath: {{ $v.mountRoot }}/sasl
  readOnly: true
{{- end }}
{{- if include "kmsg.tlsOn" .ctx }}
{{- if $v.security.tls.caSecret.name }}
- name: tls-ca
  mountPath: {{ $v.mountRoot }}/tls
  readOnly: true
{{- end }}
{{- if $v.security.tls.clientCertSecret.name }}
- name: tls-client
  mountPath: {{ $v.mountRoot }}/tls-client
  readOnly: true
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The metrics port and its probes: /healthz alive, /readyz joined with an assignment. */}}
{{- define "kmsg.metricsPort" -}}
- name: metrics
  containerPort: {{ .Values.metrics.port }}
  protocol: TCP
{{- end -}}

{{- define "kmsg.probes" -}}
livenessProbe:
  httpGet: {path: /healthz, port: metrics}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /readyz, port: metrics}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}

{{- define "kmsg.podSpecCommon" -}}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/*
The checks values.schema.json cannot express: "kmsg.refusals" prints one line per refused
value, each naming the value and the fix; "kmsg.checks" fails the render with the first. Every
template includes "kmsg.checks", so any render refuses bad values.
*/}}
{{- define "kmsg.checks" -}}
{{- with include "kmsg.refusals" . | trim -}}
{{- fail (first (splitList "\n" .)) -}}
{{- end -}}
{{- end -}}

{{- define "kmsg.refusals" -}}
{{- $v := .Values -}}
{{- $keda := $v.autoscaling.keda -}}
{{- if and $keda.enabled (gt (int $keda.maxReplicaCount) (int $v.input.partitions)) -}}
{{- (printf "autoscaling.keda.maxReplicaCount (%d) is above input.partitions (%d): a consumer group has at most one active member per partition, the others would sit idle; lower maxReplicaCount or add partitions" (int $keda.maxReplicaCount) (int $v.input.partitions)) | printf "%s\n" -}}
{{- end -}}
{{- if and $keda.enabled (gt (int $keda.minReplicaCount) (int $keda.maxReplicaCount)) -}}
{{- (printf "autoscaling.keda.minReplicaCount (%d) is above maxReplicaCount (%d)" (int $keda.minReplicaCount) (int $keda.maxReplicaCount)) | printf "%s\n" -}}
{{- end -}}
{{- if and (not $keda.enabled) (gt (int $v.consumer.replicas) (int $v.input.partitions)) -}}
{{- (printf "consumer.replicas (%d) is above input.partitions (%d): a consumer group has at most one active member per partition, the others would sit idle; lower replicas or add partitions" (int $v.consumer.replicas) (int $v.input.partitions)) | printf "%s\n" -}}
{{- end -}}
{{- if gt (add (int $v.consumer.shutdownTimeoutSeconds) 5) (int $v.consumer.terminationGracePeriodSeconds) -}}
{{- (printf "consumer.terminationGracePeriodSeconds (%d) must be at least consumer.shutdownTimeoutSeconds (%d) + 5, or the kubelet kills a stopping consumer before it commits and leaves the group" (int $v.consumer.terminationGracePeriodSeconds) (int $v.consumer.shutdownTimeoutSeconds)) | printf "%s\n" -}}
{{- end -}}
{{- if $v.security.enabled -}}
{{- if include "kmsg.saslOn" . -}}
{{- range $role := list "consumer" "producer" "dlq" "admin" -}}
{{- $needed := or (eq $role "consumer") (and (eq $role "producer") $v.producer.enabled) (and (eq $role "dlq") $v.dlqWatch.enabled) (and (eq $role "admin") $v.topicsJob.enabled) -}}
{{- if and $needed (not (index $v.security.users $role).passwordSecret.name) -}}
{{- (printf "security.users.%s.passwordSecret.name is empty: name the existing Secret holding the %s user's password (the chart never takes a password as a value)" $role $role) | printf "%s\n" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $v.dlqWatch.enabled (not (hasPrefix "kmsg-dlq-" $v.dlqWatch.group)) -}}
{{- (printf "dlqWatch.group %s does not start with kmsg-dlq-: on a secured cluster the dlq user may only use the kmsg-dlq-* groups (kmsg acl apply)" $v.dlqWatch.group) | printf "%s\n" -}}
{{- end -}}
{{- if and (include "kmsg.tlsOn" .) (not $v.security.tls.caSecret.name) -}}
{{- (printf "security.tls.caSecret.name is empty: %s needs the CA that signed the brokers' certificates, from an existing Secret" $v.security.protocol) | printf "%s\n" -}}
{{- end -}}
{{- end -}}
{{- if and $v.networkPolicy.enabled (not $v.networkPolicy.kafka.to) -}}
{{- "networkPolicy.kafka.to is empty: list the brokers (NetworkPolicyPeer entries, e.g. an ipBlock or a namespaceSelector), or the policy would cut the pods off from Kafka" | printf "%s\n" -}}
{{- end -}}
{{- if and (eq $v.consumer.valueFormat "registry") (not $v.schemaRegistry.url) -}}
{{- "consumer.valueFormat is registry but schemaRegistry.url is empty: set the registry's URL" | printf "%s\n" -}}
{{- end -}}
{{- if and (not $v.schema.enabled) $v.schema.json -}}
{{- "schema.json is set but schema.enabled is false: enable the schema or drop the text" | printf "%s\n" -}}
{{- end -}}
{{- end -}}
