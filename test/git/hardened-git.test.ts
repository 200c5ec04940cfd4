import { describe, expect, it } from 'vitest';
import { HARDENING_CONFIG, hardenedArgs, hardenedEnv } from '../../src/sources/git/hardened-git.js';

describe('the hardened git environment, variable by variable', () => {
  const inherited = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    GIT_DIR: '/elsewhere/.git',
    GIT_WORK_TREE: '/elsewhere',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.fsmonitor',
    GIT_CONFIG_VALUE_0: 'touch /tmp/x',
    GIT_CONFIG_PARAMETERS: "'core.pager'='touch /tmp/y'",
    GIT_SSH: '/bin/evil',
    GIT_SSH_COMMAND: 'evil',
    GIT_INDEX_FILE: '/elsewhere/index',
    GIT_ALLOW_PROTOCOL: 'ext:file',
    GIT_EXEC_PATH: '/usr/lib/git-core',
    SSH_ASKPASS: 'evil',
    PAGER: 'evil',
    EDITOR: 'evil',
    VISUAL: 'evil',
  };

  it('drops every inherited GIT_* variable but GIT_EXEC_PATH, and the askpass, pager and editor variables', () => {
    const env = hardenedEnv(inherited);
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_CONFIG_PARAMETERS', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_INDEX_FILE', 'SSH_ASKPASS', 'PAGER', 'EDITOR', 'VISUAL']) {
      expect(env[name], name).toBeUndefined();
    }
    expect(env).toMatchObject({ PATH: '/usr/bin', HOME: '/home/u', GIT_EXEC_PATH: '/usr/lib/git-core' });
  });

  it('sets what closes transports, lazy fetches, grafts, replace objects, system config and prompts', () => {
    const env = hardenedEnv(inherited);
    expect(env.GIT_ALLOW_PROTOCOL).toBe('');
    expect(env.GIT_PROTOCOL_FROM_USER).toBe('0');
    expect(env.GIT_NO_LAZY_FETCH).toBe('1');
    expect(env.GIT_GRAFT_FILE).toBe('/dev/null/keysweep-no-grafts');
    expect(env.GIT_NO_REPLACE_OBJECTS).toBe('1');
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
    expect(env.GIT_ATTR_NOSYSTEM).toBe('1');
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_ASKPASS).toBe('false');
    expect(env.GIT_PAGER).toBe('cat');
    expect(env.GIT_OPTIONAL_LOCKS).toBe('0');
    expect(env.LC_ALL).toBe('C');
  });

  it('passes GIT_INDEX_FILE only when the caller names one, and only that one', () => {
    expect(hardenedEnv(inherited, { indexFile: '/repo/.git/next-index.lock' }).GIT_INDEX_FILE).toBe('/repo/.git/next-index.lock');
    expect(hardenedEnv(inherited, {}).GIT_INDEX_FILE).toBeUndefined();
  });

  it('overrides every config key that names a program, and keeps core.hooksPath only for the hooks query', () => {
    const expected = [
      'core.fsmonitor=false',
      'core.hooksPath=/dev/null/keysweep-no-hooks',
      'core.sshCommand=false',
      'core.gitProxy=',
      'core.askPass=',
      'core.pager=cat',
      'core.editor=false',
      'sequence.editor=false',
      'core.attributesFile=/dev/null',
      'core.useReplaceRefs=false',
      'core.commitGraph=false',
      'core.alternateRefsCommand=',
      'diff.external=',
      'log.showSignature=false',
      'log.showRoot=true',
      'gpg.program=false',
      'gpg.ssh.program=false',
      'gpg.x509.program=false',
      'gpg.ssh.defaultKeyCommand=',
      'credential.helper=',
      'uploadpack.packObjectsHook=',
      'protocol.allow=never',
    ];
    for (const setting of expected) expect(HARDENING_CONFIG, setting).toContain(setting);
    const argv = hardenedArgs(['rev-parse'], { gitDir: '/r/.git' });
    expect(argv.slice(-4)).toEqual(['--no-pager', '--git-dir', '/r/.git', 'rev-parse']);
    for (const setting of expected) expect(argv.indexOf(setting), setting).toBeGreaterThan(0);
    expect(argv[argv.indexOf('core.fsmonitor=false') - 1]).toBe('-c');
    expect(hardenedArgs(['x'], { readHooksPath: true }).join(' ')).not.toContain('core.hooksPath');
    expect(hardenedArgs(['x'], { dir: '/repo' }).slice(-3)).toEqual(['-C', '/repo', 'x']);
    expect(hardenedArgs(['x'], { safeDirectory: '/repo' })).toContain('safe.directory=/repo');
    expect(hardenedArgs(['x']).join(' ')).not.toContain('safe.directory');
  });
});

describe('the hardened environment: exact names only', () => {
  it('drops exactly the dangerous names, not others that merely contain them', () => {
    const env = hardenedEnv({ MY_GIT_VAR: '1', GIT_EXEC_PATH_EXTRA: 'x', SSH_ASKPASS_REQUIRE: 'never', PAGERS: '1', EDITORS: '1', VISUALIZE: '1', EMPTY: undefined });
    expect(env.MY_GIT_VAR).toBe('1');
    expect(env.GIT_EXEC_PATH_EXTRA).toBeUndefined();
    expect(env.SSH_ASKPASS_REQUIRE).toBe('never');
    expect(env.PAGERS).toBe('1');
    expect(env.EDITORS).toBe('1');
    expect(env.VISUALIZE).toBe('1');
    expect('EMPTY' in env).toBe(false);
  });

  it('keeps every other override when reading the hooks path, and adds no location when none is given', () => {
    const argv = hardenedArgs(['rev-parse'], { readHooksPath: true });
    expect(argv).toContain('core.fsmonitor=false');
    expect(argv).toContain('protocol.allow=never');
    expect(argv.slice(-2)).toEqual(['--no-pager', 'rev-parse']);
  });
});
