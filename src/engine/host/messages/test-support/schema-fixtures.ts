// Schema files for decoder tests, written to a temp folder: an Avro record and a Protobuf file
// with two top-level messages (the second has Confluent message index [1]) and a nested one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORDER_AVSC = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'long' },
    { name: 'paid', type: 'boolean' },
  ],
};

export const ORDER_PROTO = `syntax = "proto3";
package shop;

message Order {
  string id = 1;
  int64 amount = 2;
  bool paid = 3;
}

message Shipment {
  string order_id = 1;
  message Parcel {
    int32 weight_grams = 1;
  }
  repeated Parcel parcels = 2;
}
`;

export interface SchemaFixtures {
  dir: string;
  avsc: string;
  proto: string;
  notJson: string;
  notAvro: string;
  notProto: string;
  missing: string;
  cleanup(): void;
}

export function writeSchemaFixtures(): SchemaFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-schemas-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return {
    dir,
    avsc: file('order.avsc', JSON.stringify(ORDER_AVSC)),
    proto: file('order.proto', ORDER_PROTO),
    notJson: file('broken.avsc', '{ "type": "record", '),
    notAvro: file('wrong.avsc', JSON.stringify({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'nosuchtype' }] })),
    notProto: file('broken.proto', 'syntax = "proto3";\nmessage Order {\n  string id = \n}\n'),
    missing: join(dir, 'absent.avsc'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
