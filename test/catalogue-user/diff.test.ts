import { describe, expect, it } from 'vitest';
import { diffCatalogues, formatDiff, loadUserCatalogue } from '../../server/src/catalogue/user/index';
import { utf8 } from './helpers';

const csv = (rows: string[]) => utf8(['科目编码,科目名称', ...rows].join('\n'));

describe('diffCatalogues', () => {
  it('finds added, removed, renamed and moved codes, and classifications only one side holds', async () => {
    const old = await loadUserCatalogue({
      name: '2020年支出功能分类.csv',
      bytes: csv(['213,农林水支出', '21305,扶贫', '2130501,行政运行', '2130599,其他扶贫支出', '21399,其他农林水支出', '2139999,其他农林水支出']),
    });
    const neu = await loadUserCatalogue({
      name: '2021年政府收支分类科目.csv',
      bytes: csv(['213,农林水支出', '21305,巩固脱贫衔接乡村振兴', '2130501,行政运行', '2130598,其他扶贫支出', '21308,普惠金融发展支出', '21399,其他农林水支出', '1100249,医疗卫生共同财政事权转移支付收入', '110,转移性收入']),
    });
    const d = diffCatalogues(old, neu);
    const exp = d.classifications.find((c) => c.classification === 'expFunc')!;
    expect(exp.added).toEqual([{ code: '21308', name: '普惠金融发展支出' }]);
    expect(exp.removed).toEqual([{ code: '2139999', name: '其他农林水支出' }]);
    expect(exp.renamed).toEqual([{ code: '21305', oldName: '扶贫', newName: '巩固脱贫衔接乡村振兴' }]);
    expect(exp.moved).toEqual([{ name: '其他扶贫支出', oldName: '其他扶贫支出', oldCode: '2130599', newCode: '2130598' }]);
    expect(exp.unchanged).toBe(3);
    expect(d.classifications.find((c) => c.classification === 'revenue')?.onlyIn).toBe('new');
    const text = formatDiff(d);
    expect(text).toContain('支出功能分类：新增 1，删除 1，更名 1，改编码 1（未变 3）');
    expect(text).toContain('    > 2130599 → 2130598 其他扶贫支出');
    expect(text).toContain('收入分类：只有新表有此分类，未比较');
    expect(text.endsWith('合计：新增 1，删除 1，更名 1，改编码 1')).toBe(true);
  });
});
