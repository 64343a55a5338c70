/** Settings as clients send them: anything at all; a bad value falls back to its default. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings.js';

describe('readSettings', () => {
  it('reads the notice.* settings', () => {
    const s = readSettings({
      catalogueYear: 2021,
      tolerance: 1,
      inlayHints: { enabled: false, allTotals: true },
      diagnostics: { severity: { 'kpi-value': 'hint', 'doc-number-format': 'off', 'sum-mismatch': 'info' } },
      trace: { server: 'verbose' },
    });
    expect(s.catalogueYear).toBe(2021);
    expect(s.tolerance).toBe(1);
    expect(s.inlayHints).toEqual({ enabled: false, allTotals: true });
    expect([...s.severity]).toEqual([
      ['kpi-value', 'hint'],
      ['doc-number-format', 'off'],
      ['sum-mismatch', 'information'],
    ]);
    expect(s.trace).toBe('verbose');
  });

  it('falls back to the defaults for anything else', () => {
    for (const raw of [undefined, null, 42, 'x', [], { catalogueYear: 'soon', tolerance: -3, inlayHints: 'yes', diagnostics: { severity: { nonsense: 'error', 'kpi-value': 'loud' } } }]) {
      const s = readSettings(raw);
      expect(s.catalogueYear).toBeUndefined();
      expect(s.tolerance).toBe(DEFAULT_SETTINGS.tolerance);
      expect(s.inlayHints).toEqual(DEFAULT_SETTINGS.inlayHints);
      expect(s.severity.size).toBe(0);
    }
  });
});
