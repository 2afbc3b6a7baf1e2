import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeLogDirsRequestSchema = message({
  name: 'DescribeLogDirsRequest',
  apiKey: 35,
  type: 'request',
  valid: '0-4',
  flexible: '2+',
  fields: [
    field('topics', array(struct('DescribableLogDirTopic', [
      field('topic', 'string', '0+'),
      field('partitions', array('int32'), '0+'),
    ])), '0+', { nullable: '0+' }),
  ],
});

export const DescribeLogDirsResponseSchema = message({
  name: 'DescribeLogDirsResponse',
  apiKey: 35,
  type: 'response',
  valid: '0-4',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '3+'),
    field('results', array(struct('DescribeLogDirsResult', [
      field('errorCode', 'int16', '0+'),
      field('logDir', 'string', '0+'),
      field('topics', array(struct('DescribeLogDirsTopic', [
        field('name', 'string', '0+'),
        field('partitions', array(struct('DescribeLogDirsPartition', [
          field('partitionIndex', 'int32', '0+'),
          field('partitionSize', 'int64', '0+'),
          field('offsetLag', 'int64', '0+'),
          field('isFutureKey', 'bool', '0+'),
        ])), '0+'),
      ])), '0+'),
      field('totalBytes', 'int64', '4+', { default: -1n }),
      field('usableBytes', 'int64', '4+', { default: -1n }),
    ])), '0+'),
  ],
});

export type DescribeLogDirsRequest = MessageOf<typeof DescribeLogDirsRequestSchema>;
export type DescribeLogDirsRequestInput = MessageInput<typeof DescribeLogDirsRequestSchema>;
export type DescribeLogDirsResponse = MessageOf<typeof DescribeLogDirsResponseSchema>;
export type DescribeLogDirsResponseInput = MessageInput<typeof DescribeLogDirsResponseSchema>;
