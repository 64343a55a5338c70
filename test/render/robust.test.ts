import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { renderHtml } from '../../server/src/render/html.js';
import { renderXlsx } from '../../server/src/render/xlsx.js';
import { CLEAN } from './fixtures.js';

describe('rendering broken sources (--force)', () => {
  it('renders every notice of a source with any one line removed or garbled, without throwing', async () => {
    const lines = CLEAN.split('\n');
    for (let i = 0; i < lines.length; i++) {
      for (const variant of [
        [...lines.slice(0, i), ...lines.slice(i + 1)],
        [...lines.slice(0, i), lines[i]!.replace(/\d/g, 'x').replace(/：/, ''), ...lines.slice(i + 1)],
      ]) {
        const { model } = checkText(variant.join('\n'));
        for (const n of model.notices) {
          expect(renderHtml(model, n)).toContain('<!DOCTYPE html>');
          if (i % 4 === 0) {
            expect((await renderDocx(model, n)).length).toBeGreaterThan(1000);
            expect((await renderXlsx(model, n)).length).toBeGreaterThan(1000);
          }
        }
      }
    }
  });

  it('renders a notice with nothing but its number', async () => {
    const { model } = checkText('通知 测财社〔2024〕1号\n');
    const n = model.notices[0]!;
    expect(renderHtml(model, n)).toContain('测财社〔2024〕1号');
    expect((await renderDocx(model, n)).length).toBeGreaterThan(1000);
    expect((await renderXlsx(model, n)).length).toBeGreaterThan(1000);
  });
});
