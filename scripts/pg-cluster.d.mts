export const PG_BIN: string;
export type Cluster = { dir: string; port: number; data: string; url: (db?: string) => string };
export function clusterUnavailable(tools?: string[]): string | null;
export function startCluster(port: number, opts?: { replication?: boolean }): Cluster;
export function startReplica(primary: Cluster, port: number): Cluster;
export function psql(url: string, query: string): string;
export function stopAll(): void;
