import { describe, expect, it } from 'vitest';
import { dataFolder } from './data-folder';

describe('the desktop app data folder', () => {
  it('defaults to the user-data folder', () => {
    expect(dataFolder([], {}, '/home/u/.config/Brokerlab')).toBe('/home/u/.config/Brokerlab/data');
  });
  it('takes --data=DIR first, then BROKERLAB_DATA', () => {
    expect(dataFolder(['electron', '.', '--data=/tmp/lab'], { BROKERLAB_DATA: '/srv/other' }, '/u')).toBe('/tmp/lab');
    expect(dataFolder([], { BROKERLAB_DATA: '/srv/other' }, '/u')).toBe('/srv/other');
  });
});
