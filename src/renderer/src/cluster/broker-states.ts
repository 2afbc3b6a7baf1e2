// One colour, one icon and one word per broker state — the same everywhere, explained in the legend,
// never colour alone. Unknown states (a newer host) still render, as themselves.

export interface StateLook {
  label: string;
  icon: string;
  /** CSS class carrying the colour (tone-ok, tone-warn…), defined once in styles. */
  tone: 'ok' | 'warn' | 'isolated' | 'off' | 'bad' | 'power' | 'busy';
  description: string;
}

const LOOKS: Record<string, StateLook> = {
  running: { label: 'running', icon: '●', tone: 'ok', description: 'Process up and registered with the controller' },
  online: { label: 'online', icon: '●', tone: 'ok', description: 'Listed in the external cluster’s metadata' },
  starting: { label: 'starting', icon: '◐', tone: 'busy', description: 'Process started, not yet serving' },
  stopping: { label: 'stopping', icon: '◑', tone: 'busy', description: 'Controlled shutdown in progress' },
  paused: { label: 'paused', icon: '‖', tone: 'warn', description: 'Process frozen (SIGSTOP): sockets open, nothing answers' },
  isolated: { label: 'isolated', icon: '⊘', tone: 'isolated', description: 'Network cut: no client, replication or controller traffic' },
  stopped: { label: 'stopped', icon: '■', tone: 'off', description: 'Shut down cleanly' },
  killed: { label: 'killed', icon: '✕', tone: 'bad', description: 'Ended with SIGKILL: no clean shutdown' },
  'power-lost': { label: 'power lost', icon: 'ϟ', tone: 'power', description: 'Killed and its files cut back to what was fsynced' },
  failed: { label: 'failed', icon: '!', tone: 'bad', description: 'The process exited on its own' },
};

/** The states shown in the legend, in the order a user meets them. */
export const LEGEND_STATES = ['running', 'paused', 'isolated', 'stopped', 'killed', 'power-lost', 'starting', 'failed'] as const;

export function stateLook(state: string): StateLook {
  return LOOKS[state] ?? { label: state, icon: '?', tone: 'busy', description: `State "${state}"` };
}
