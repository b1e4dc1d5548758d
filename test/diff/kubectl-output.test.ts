import { describe, expect, it } from 'vitest';
import { kubectlDiffArgs, kubectlProblem, maskKubectlDiff } from '../../src/diff/kubectl-output.js';

const SECRET_SECTION = `diff -u -N /tmp/LIVE-1/v1.Secret.shop.db-env-secret /tmp/MERGED-2/v1.Secret.shop.db-env-secret
--- /tmp/LIVE-1/v1.Secret.shop.db-env-secret	2025-03-01 10:00:00
+++ /tmp/MERGED-2/v1.Secret.shop.db-env-secret	2025-03-01 10:00:01
@@ -1,14 +1,14 @@
 apiVersion: v1
 data:
-  POSTGRES_PASSWORD: b2xkLWNhbmFyeQ==
+  POSTGRES_PASSWORD: bmV3LWNhbmFyeQ==
   TOKEN: '*** (before)'
 kind: Secret
 metadata:
   annotations:
     kubectl.kubernetes.io/last-applied-configuration: |
-      {"apiVersion":"v1","data":{"POSTGRES_PASSWORD":"b2xkLWNhbmFyeQ=="},"kind":"Secret"}
+      {"apiVersion":"v1","data":{"POSTGRES_PASSWORD":"bmV3LWNhbmFyeQ=="},"kind":"Secret"}
     team: shop
   labels:
     app.kubernetes.io/name: db
   name: db-env-secret
@@ -30,3 +30,4 @@
   MORE: c2VjcmV0LWluLWEtaHVuaw==
+  ADDED: YWRkZWQtY2FuYXJ5
 type: Opaque
`;

const DEPLOYMENT_SECTION = `diff -u -N /tmp/LIVE-1/apps.v1.Deployment.shop.web /tmp/MERGED-2/apps.v1.Deployment.shop.web
--- /tmp/LIVE-1/apps.v1.Deployment.shop.web	2025-03-01 10:00:00
+++ /tmp/MERGED-2/apps.v1.Deployment.shop.web	2025-03-01 10:00:01
@@ -10,7 +10,7 @@
       containers:
-      - image: ghcr.io/example/shop-web:1.4.1
+      - image: ghcr.io/example/shop-web:1.4.2
         env:
         - name: DATA
           value: not-a-secret
`;

describe('kubectl diff', () => {
  it('is run with a server-side dry run of the objects on stdin', () => {
    expect(kubectlDiffArgs({})).toEqual(['diff', '--server-side', '--field-manager=compose2kube', '-f', '-']);
    expect(kubectlDiffArgs({ context: 'staging', namespace: 'shop' })).toEqual(['diff', '--server-side', '--field-manager=compose2kube', '--context', 'staging', '--namespace', 'shop', '-f', '-']);
  });

  it('hides every value of a Secret, the last-applied annotation included, and keeps the rest', () => {
    const masked = maskKubectlDiff(SECRET_SECTION + DEPLOYMENT_SECTION);
    for (const secret of ['b2xkLWNhbmFyeQ==', 'bmV3LWNhbmFyeQ==', 'c2VjcmV0LWluLWEtaHVuaw==', 'YWRkZWQtY2FuYXJ5']) expect(masked).not.toContain(secret);
    expect(masked).toContain("-  POSTGRES_PASSWORD: '***'");
    expect(masked).toContain("+  POSTGRES_PASSWORD: '***'");
    // What kubectl masked already stays as it was; the keys stay readable.
    expect(masked).toContain("   TOKEN: '*** (before)'");
    // A hunk that starts inside the object: its lines cannot be placed, so their values are hidden too.
    expect(masked).toContain("   MORE: '***'");
    expect(masked).toContain("+  ADDED: '***'");
    // Metadata stays readable.
    expect(masked).toContain('     team: shop');
    expect(masked).toContain('   name: db-env-secret');
    expect(masked).toContain('     app.kubernetes.io/name: db');
    // Other objects are untouched.
    expect(masked).toContain(DEPLOYMENT_SECTION.trimEnd());
  });

  it('tells an unreachable cluster from other failures', () => {
    expect(kubectlProblem('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n').code).toBe('cluster-unreachable');
    expect(kubectlProblem('error: context "nope" does not exist\n')).toMatchObject({ code: 'cluster-unreachable', message: 'cannot reach the cluster: context "nope" does not exist' });
    expect(kubectlProblem('Error from server (Forbidden): deployments.apps "web" is forbidden\n').code).toBe('kubectl-failed');
  });
});
