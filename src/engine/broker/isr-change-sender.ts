import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import type { Logger } from '../logger';
import type { Forwarder } from '../network/forwarding-handler';
import type { Partition, PendingIsrChange } from './partition';

/**
 * Sends a leader's ISR changes to the controller with AlterPartition, one in flight per partition
 * (Kafka's AlterPartitionManager). The committed state comes back in the answer and through the
 * metadata; a refused change (stale partition epoch, fenced member) is simply dropped, and the
 * next check asks again from the newer state.
 */
export class IsrChangeSender {
  constructor(
    private readonly controller: Forwarder,
    private readonly nodeId: number,
    private readonly brokerEpoch: () => number,
    private readonly logger: Logger,
    private readonly onCommitted: (partition: Partition) => void,
  ) {}

  async submit(partition: Partition, change: PendingIsrChange): Promise<void> {
    if (partition.pendingIsrChange) return;
    partition.pendingIsrChange = change;
    const sentEpoch = partition.leaderEpoch;
    const sentPartitionEpoch = partition.partitionEpoch;
    this.logger.info(`${change.kind === 'expand' ? 'expanding' : 'shrinking'} the ISR of ${partition.key} from [${partition.isr.join(',')}] to [${change.isr.join(',')}]`);
    try {
      const response = await this.controller.forward(ApiKey.AlterPartition, 3, {
        brokerId: this.nodeId,
        brokerEpoch: BigInt(this.brokerEpoch()),
        topics: [
          {
            topicName: partition.topicName,
            topicId: partition.topicId,
            partitions: [
              {
                partitionIndex: partition.partitionIndex,
                leaderEpoch: sentEpoch,
                newIsr: [...change.isr],
                newIsrWithEpochs: change.isr.map((brokerId) => ({ brokerId, brokerEpoch: -1n })),
                leaderRecoveryState: 0,
                partitionEpoch: sentPartitionEpoch,
              },
            ],
          },
        ],
      });
      const result = response.topics?.[0]?.partitions?.[0];
      const code = result?.errorCode ?? response.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
      if (partition.pendingIsrChange !== change) return;
      partition.pendingIsrChange = null;
      if (code !== ErrorCode.NONE || !result) {
        this.logger.warn(`AlterPartition for ${partition.key} was refused: ${errorName(code)}`);
        return;
      }
      if (partition.leaderEpoch === result.leaderEpoch && result.partitionEpoch > partition.partitionEpoch) {
        partition.isr = [...result.isr];
        partition.partitionEpoch = result.partitionEpoch;
      }
      this.onCommitted(partition);
    } catch (err) {
      if (partition.pendingIsrChange === change) partition.pendingIsrChange = null;
      this.logger.warn(`AlterPartition for ${partition.key} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
