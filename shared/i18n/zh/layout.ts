import type { layout as en } from '../en/layout';

/** 第 12 号问题（wt/deskview）：坐席与审核页面上关于布局的文字：未保存的字段、折叠的长文本、记录抽屉。 */
export const layout: Record<keyof typeof en, string> = {
  'desk.notSavedWhat': '未保存：{what}',
  'clamp.showAll': '展开全部',
  'clamp.showLess': '收起',
  'drawer.close': '关闭',
  'review.missReasons': '未达标原因',
  'review.record': '记录详情',
};
