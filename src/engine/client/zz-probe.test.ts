import { test } from 'vitest';
import { startMockCluster } from '../../../test/fixtures/mock-cluster';
import { BrokerConnection } from './broker-connection';
import { apiName } from './client-errors';
test('probe', async () => {
  const m = await startMockCluster({ brokers: 3 });
  const [host, port] = m.bootstrap.split(',')[0].split(':');
  const c = await BrokerConnection.connect({ host, port: Number(port) });
  console.log('apiversions v', c.apiVersionsVersion);
  console.log([...c.apiVersions].map(([k, r]) => `${apiName(k)}(${k}) ${r.min}-${r.max}`).join('\n'));
  c.close();
  await m.stop();
});
