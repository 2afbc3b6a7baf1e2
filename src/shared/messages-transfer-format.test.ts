import { describe, expect, it } from 'vitest';
import { chunkTransferRecords, csvRow, isBase64, parseImportLine, parseImportText, TransferLineError, utf8Base64 } from './messages-transfer-format';
import type { ExportedRecord } from './messages-transfer-types';

const record: ExportedRecord = {
  topic: 't',
  partition: 1,
  offset: 7,
  timestamp: 1000,
  timestampType: 'CreateTime',
  key: { base64: '', decoder: 'utf8', text: '' },
  value: null,
  headers: [{ key: 'h', value: { base64: 'YSxi', decoder: 'utf8', text: 'a,b' } }],
};

describe('export formats', () => {
  it('CSV: sizes tell an empty key from a null value; quoting per RFC 4180', () => {
    expect(csvRow(record)).toBe('t,1,7,1000,CreateTime,0,,,-1,,,"[{""key"":""h"",""base64"":""YSxi"",""text"":""a,b""}]"\r\n');
  });

  it('an exported line imports back to its bytes, headers and timestamp; text-only fields are UTF-8', () => {
    expect(parseImportLine(JSON.stringify(record), 1)).toEqual({ key: '', value: null, headers: [{ key: 'h', value: 'YSxi' }], timestamp: 1000, partition: 1 });
    expect(parseImportLine('{"value":{"text":"ß"}}', 1)).toEqual({ key: null, value: Buffer.from('ß').toString('base64'), headers: [] });
    expect(utf8Base64('héllo ✓')).toBe(Buffer.from('héllo ✓').toString('base64'));
  });

  it('names the first bad line and its reason', () => {
    const bad = (text: string): string => {
      try {
        parseImportText(text);
      } catch (err) {
        if (err instanceof TransferLineError) return err.message;
      }
      return 'no error';
    };
    expect(bad('{"value":null}\n\n{oops')).toMatch(/^line 3: not JSON/);
    expect(bad('[1]')).toBe('line 1: must be a JSON object');
    expect(bad('{"value":{"base64":"abc"}}')).toBe('line 1: value.base64 is not valid base64');
    expect(bad('{"value":{"decoder":"utf8"}}')).toBe('line 1: value has neither base64 nor text');
    expect(bad('{"value":null,"headers":[{"value":null}]}')).toBe('line 1: headers[0] must be an object with a string key');
    expect(bad('{"value":null,"partition":-1}')).toMatch(/^line 1: partition must be a whole number/);
    expect(isBase64('YQ==')).toBe(true);
  });

  it('chunks records under a byte budget, a big record alone', () => {
    const small = { key: null, value: 'a'.repeat(100), headers: [] };
    const big = { key: null, value: 'b'.repeat(5000), headers: [] };
    expect(chunkTransferRecords([small, small, big, small], 1000).map((c) => c.length)).toEqual([2, 1, 1]);
  });
});
