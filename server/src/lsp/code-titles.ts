/**
 * The Chinese name of each diagnostic code, for the places an editor shows a kind of problem
 * rather than one problem ("修正本文件中全部 2 处“合计不符”问题"). Typed by the code list, so
 * a new code does not compile until it has a name here.
 */
import type { DiagnosticCode } from '../checks/index.js';

export const CODE_TITLES: Readonly<Record<DiagnosticCode, string>> = {
  syntax: '无法解析',
  indentation: '缩进不对',
  'sum-mismatch': '合计不符',
  'breakdown-exceeds': '其中超过本行',
  'formula-mismatch': '不满足栏公式',
  'cell-count': '格数不对',
  'amount-mismatch': '金额与表不符',
  'unknown-code': '科目代码不存在',
  'code-name-mismatch': '科目名称不符',
  'code-kind-mismatch': '科目分类用错',
  'missing-direct-fund-tag': '缺直达资金标识',
  'unknown-direct-fund-tag': '直达资金标识不对',
  'doc-number-format': '文号格式',
  'document-kind': '文种不符',
  'kpi-structure': '绩效指标层级',
  'kpi-value': '绩效指标值',
  'duplicate-row': '同级行重名',
  'duplicate-field': '字段重复',
  'unknown-reference': '引用不存在',
  'reference-outside-body': '正文以外的引用',
  'missing-field': '缺少字段',
  'empty-document': '没有内容',
  'already-issued': '已下达数与所引通知不符',
  'from-above': '与上级通知下达数不符',
};
