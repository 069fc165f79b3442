import type { teamLink as en } from '../en/teamLink';

/** 席位与团队服务器的同步状态（问题 14）。 */
export const teamLink: Record<keyof typeof en, string> = {
  'teamLink.upToDate': '团队服务器：已同步',
  'teamLink.waiting': '团队服务器：{count} 条更改待上传',
  'teamLink.waitingOne': '团队服务器：1 条更改待上传',
  'teamLink.unreachable': '自 {time} 起无法连接服务器',
  'teamLink.stopped': '已暂停上传：{why}',
  'teamLink.why.leaseHeld': '本席位代码正在另一台电脑上使用',
  'teamLink.why.appVersion': '请更新应用（团队服务器已不再接受此版本）',
  'teamLink.why.authentication': '团队服务器拒绝了本席位的登录',
  'teamLink.why.staleIncarnation': '正在与团队服务器核对本席位',
  'teamLink.why.notADesk': '保存的地址不是本席位的登录，请重新加入',
  'teamLink.why.otherDesk': '保存的地址属于另一个席位，请重新加入',
  'teamLink.why.other': '团队服务器拒绝了上一次上传（{code}）',
  'teamLink.parked': '{count} 条记录被团队服务器拒收：{records}',
};
