import { historyAnchors } from '../detect/history-anchors.js';
import type { RuleSet } from '../rules/rule-types.js';
import type { PackAnchors } from '../sources/git/pack-history-source.js';

const cache = new WeakMap<RuleSet, PackAnchors>();

/** The anchors a pack scan tracks for these rules: what detection needs in contents and messages, and the marker whole in tree entry names. */
export function packAnchorsFor(rules: RuleSet): PackAnchors {
  let anchors = cache.get(rules);
  if (!anchors) {
    anchors = { content: historyAnchors(rules), names: [rules.marker] };
    cache.set(rules, anchors);
  }
  return anchors;
}
