import { Box, useApp, useInput, useStdout } from 'ink';
import { createElement as h, useEffect, useReducer, useRef, useState } from 'react';
import type { TriageEffects } from '../app/triage-session.js';
import type { DecisionKind } from '../core/types.js';
import { TriageFooter, TriageHelp } from './triage-chrome.js';
import { TriageDetail } from './triage-detail-view.js';
import { type TriageEffect, keyToCommand } from './triage-keys.js';
import type { TriageItem } from './triage-model.js';
import { TriageHeader, TriageList } from './triage-list-view.js';
import { type TriageAction, initialTriageState, listHeight, reduceTriage, selectedItem } from './triage-state.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export type TriageAppProps = {
  title: string;
  items: TriageItem[];
  effects: TriageEffects;
  showSecrets: boolean;
  clock?: () => number;
  /** The terminal's size when it does not report one (tests). */
  size?: { columns: number; rows: number };
};

/** The triage UI: state in a pure reducer, keys mapped by keyToCommand, effects run here and fed back as actions. */
export function TriageApp({ title, items, effects, showSecrets, clock = Date.now, size }: TriageAppProps) {
  const { stdout } = useStdout();
  const { exit } = useApp();
  const measure = () => ({ columns: stdout.columns || size?.columns || 80, rows: stdout.rows || size?.rows || 24 });
  const [state, dispatch] = useReducer(reduceTriage, null, () => initialTriageState(items, measure()));
  const latest = useRef(state);
  latest.current = state;
  // Saving decisions and undoing them run one at a time, in the order they were asked for: two writes of the
  // same file at once would lose one of them.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const serially = (job: () => Promise<void>) => {
    saving.current = saving.current.then(job, job);
  };
  const [contexts, setContexts] = useState<Record<string, Array<string | null>>>({});
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  const send = (action: TriageAction): void => {
    if (live.current) dispatch(action);
  };

  useEffect(() => {
    const onResize = () => dispatch({ type: 'resize', ...measure() });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  });

  // A spinner turns beside keys being verified, and only while there are any.
  const [tick, setTick] = useState(0);
  const busy = state.verifying.length > 0;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setTick((t) => t + 1), 120);
    return () => clearInterval(timer);
  }, [busy]);
  const spinner = SPINNER[tick % SPINNER.length]!;

  const item = selectedItem(state);
  useEffect(() => {
    if (state.view.kind !== 'detail' || !item || contexts[item.finding.secretSha256]) return;
    const sha = item.finding.secretSha256;
    effects.context(item.finding).then(
      (lines) => live.current && setContexts((c) => ({ ...c, [sha]: lines })),
      (error: Error) => send({ type: 'message', text: `source lines: ${error.message}` }),
    );
  }, [state.view.kind, item?.finding.secretSha256]);
  useEffect(() => {
    if (!state.revealed || !item || revealed[item.finding.secretSha256]) return;
    const sha = item.finding.secretSha256;
    effects.reveal(item.finding).then((key) => (key ? live.current && setRevealed((r) => ({ ...r, [sha]: key })) : send({ type: 'message', text: 'the key cannot be read back from its locations' })));
  }, [state.revealed, item?.finding.secretSha256]);

  const findings = (shas: string[]) => state.items.filter((i) => shas.includes(i.finding.secretSha256)).map((i) => i.finding);
  const run = (effect: TriageEffect) => {
    switch (effect.kind) {
      case 'quit':
        exit();
        return;
      case 'verify':
        send({ type: 'verify-started', sha256s: effect.sha256s });
        effects.verify(findings(effect.sha256s)).then(
          (results) => {
            send({ type: 'verified', results });
            const missing = effect.sha256s.length - results.length;
            if (missing > 0) send({ type: 'verify-failed', sha256s: effect.sha256s, message: `${missing} key(s) could not be read back from their locations to check` });
          },
          (error: Error) => send({ type: 'verify-failed', sha256s: effect.sha256s, message: `verification failed: ${error.message}` }),
        );
        return;
      case 'decide':
        serially(() => decide(effect.decision, effect.sha256s, effect.reason, effect.until));
        return;
      case 'undo':
        serially(() =>
          effects.restore(effect.entry.previous).then(
            () => send({ type: 'undone', restored: effect.entry.previous, message: `undone: ${effect.entry.kind} for ${effect.entry.previous.length} key(s)` }),
            (error: Error) => send({ type: 'undo-failed', entry: effect.entry, message: `undo failed, nothing changed: ${error.message}` }),
          ),
        );
        return;
      case 'open-page':
        effects.openPage(effect.url).then(
          (text) => send({ type: 'message', text }),
          (error: Error) => send({ type: 'message', text: `${effect.url} (could not open a browser: ${error.message})` }),
        );
        return;
    }
  };

  // "revoked" is confirmed by a check when one can run: a key that still answers live is not marked revoked.
  async function decide(kind: DecisionKind, sha256s: string[], reason: string, until: string | null) {
    let why = reason;
    if (kind === 'revoked') {
      send({ type: 'verify-started', sha256s });
      try {
        const results = await effects.verify(findings(sha256s));
        send({ type: 'verified', results });
        const stillLive = results.filter((r) => r.verification.status === 'live');
        if (stillLive.length > 0) {
          send({ type: 'message', text: `${stillLive.length} key(s) still answer live: revoke first (o opens the page); nothing was marked` });
          return;
        }
        const confirmed = results.filter((r) => r.verification.status === 'revoked').length;
        why = confirmed === sha256s.length ? 'revoked: OpenAI answered revoked' : `${reason} (not confirmed: ${sha256s.length - confirmed} key(s) could not be checked)`;
      } catch (error) {
        send({ type: 'verify-failed', sha256s, message: `verification could not run: ${(error as Error).message}` });
        why = `${reason} (not confirmed: ${(error as Error).message})`;
      }
    }
    try {
      const decisions = await effects.decide({ kind, sha256s, reason: why, until });
      send({ type: 'decided', kind, decisions, message: `${kind} saved for ${decisions.length} key(s) · u undoes` });
    } catch (error) {
      send({ type: 'message', text: `not saved: ${(error as Error).message}` });
    }
  }

  useInput((input, key) => {
    // Keys typed fast, pasted, or sent by a terminal multiplexer can arrive as one chunk: each character is its
    // own key, judged against the state the keys before it left (a prompt they opened, a row they moved to),
    // not against the screen as it was drawn. The same holds across chunks that arrive before a redraw.
    let local = latest.current;
    const plain = !Object.values(key).some(Boolean);
    const presses = plain && input.length > 1 ? [...input].map((c) => ({ input: c === '\r' ? '' : c, key: c === '\r' ? { return: true } : {} })) : [{ input, key }];
    for (const press of presses) {
      const { action, effect } = keyToCommand(local, press.input, press.key, { showSecrets, today: new Date(clock()).toISOString().slice(0, 10) });
      if (action) {
        local = reduceTriage(local, action);
        dispatch(action);
      }
      if (effect) run(effect);
    }
    latest.current = local;
  });

  const now = clock();
  const body =
    state.view.kind === 'help'
      ? h(TriageHelp, { height: listHeight(state.size.rows) + 1 })
      : (state.view.kind === 'detail' || (state.view.kind === 'accept' && state.view.back === 'detail')) && item
        ? h(TriageDetail, {
            item,
            now,
            context: contexts[item.finding.secretSha256],
            revealed: state.revealed ? (revealed[item.finding.secretSha256] ?? null) : null,
            height: listHeight(state.size.rows) + 1,
            verifying: state.verifying.includes(item.finding.secretSha256) ? spinner : null,
          })
        : h(TriageList, { state, now, spinner });
  return h(Box, { flexDirection: 'column', width: state.size.columns }, h(TriageHeader, { state, title }), body, h(TriageFooter, { state }));
}
