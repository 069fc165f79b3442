import type { Category, MissReasonCode, RequestType } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';

/**
 * The words of the demo data: people, call reasons, handling steps and outcomes,
 * in the record sheet's own style (seed 003's three example calls are among them).
 * Texts hold no digit run of 11 or more, which the privacy mask would rewrite.
 */

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英'];

/** How many distinct agent names agentName gives. */
export const MAX_AGENTS = SURNAMES.length * GIVEN.length;

/**
 * The i-th agent's name, distinct for i below MAX_AGENTS (21 and 22 are coprime,
 * so each surname meets every given name once): 张伟, 王芳, 李娜, 刘敏, …
 */
export function agentName(i: number): string {
  const s = i % SURNAMES.length;
  const q = Math.floor(i / SURNAMES.length);
  return `${SURNAMES[s]}${GIVEN[(21 * q + s) % GIVEN.length]}`;
}

export const LEAD_NAME = '郑建国';
export const ADMIN_NAME = '管理员';

export const SALUTATION_SURNAMES = [...SURNAMES, '郑', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭'];

/** Departments a call is transferred to, and who answers there (seed 003: 技术*工). */
export const DEPARTMENTS: ReadonlyArray<readonly [string, readonly string[], number]> = [
  ['技术部', ['刘工', '陈工', '赵工', '黄工'], 40],
  ['售后部', ['孙师傅', '周主管', '吴专员'], 25],
  ['物流部', ['马专员', '高专员'], 15],
  ['财务部', ['何会计', '林会计'], 12],
  ['运营部', ['罗经理', '徐专员'], 8],
];

/** Step phrases by category; a call takes one to four consecutive ones. */
export const STEP_PHRASES: Record<Category, readonly string[]> = {
  order: [
    '查询客户订单，确认物流状态',
    '核实客户地址，发现配送员误填门牌号',
    '联系物流网点核实异常原因',
    '协调物流更正地址，客户确认无误',
    '协调加急派送，预计今日送达',
    '客户要求今日必须送达，已承诺补偿20元优惠券',
  ],
  product: [
    '远程指导客户检查电源连接，确认正常',
    '指导客户按说明书重新设置',
    '判断可能为主板故障，安排上门检测',
    '预约明日10-12点上门，客户同意',
    '登记产品序列号后四位，提交质检',
  ],
  service: [
    '向客户道歉，解释客服临时有事未及时接听',
    '转接至资深客服专员安抚情绪',
    '记录客户建议，后续加强服务培训',
    '核实服务记录，确认上门时间',
    '承诺主管24小时内回电说明处理结果',
  ],
  technical: [
    '核实账户信息，确认登录异常',
    '指导客户清除缓存并更新到最新版本',
    '重置密码后客户重新登录成功',
    '收集错误截图，提交技术部排查',
    '告知客户预计修复时间',
  ],
  consultation: [
    '了解客户咨询的具体问题',
    '解释相关政策与规则',
    '发送说明短信至客户预留手机',
    '告知客户办理渠道和所需材料',
  ],
  other: ['记录客户意见和联系方式后四位', '感谢客户建议，转交运营部评估', '告知客户评估结果将在一周内回复'],
};

/** A call's topic: its reason keywords and category, by request type. */
export interface Topic {
  reason: string;
  category: Category;
}

const topic = (reason: string, category: Category, weight: number): readonly [Topic, number] => [{ reason, category }, weight];

export const TOPICS: Record<RequestType, ReadonlyArray<readonly [Topic, number]>> = {
  consultation: [
    topic('退款进度查询', 'order', 16),
    topic('订单物流查询', 'order', 14),
    topic('发票开具', 'order', 10),
    topic('会员权益咨询', 'consultation', 12),
    topic('活动规则咨询', 'consultation', 10),
    topic('产品使用方法咨询', 'product', 12),
    topic('保修政策咨询', 'service', 8),
    topic('营业时间咨询', 'consultation', 4),
  ],
  complaint: [
    topic('投诉服务态度', 'service', 30),
    topic('投诉响应慢', 'service', 20),
    topic('投诉配送延误', 'order', 20),
    topic('投诉产品质量', 'product', 18),
    topic('投诉退款慢', 'order', 12),
  ],
  fault_report: [
    topic('订单物流异常', 'order', 22),
    topic('产品无法启动', 'product', 22),
    topic('账户无法登录', 'technical', 20),
    topic('App闪退', 'technical', 12),
    topic('设备无法联网', 'technical', 14),
    topic('产品异响', 'product', 10),
  ],
  service_change: [
    topic('修改收货地址', 'order', 30),
    topic('取消订单', 'order', 20),
    topic('更换套餐', 'service', 18),
    topic('预约上门安装', 'service', 20),
    topic('更换绑定手机', 'technical', 12),
  ],
  suggestion: [
    topic('建议增加功能', 'other', 40),
    topic('建议优化App界面', 'technical', 35),
    topic('建议延长服务时间', 'service', 25),
  ],
};

export const RESULT_NOTES = [
  '超出保修范围，已向客户说明收费政策',
  '客户要求的功能暂不支持，已记录需求',
  '需客户提供购买凭证，客户暂时无法提供',
  '属第三方平台订单，已告知客户联系平台处理',
];

export const FEEDBACK_REASONS = ['等待时间太长', '问题没有解决', '处理速度慢', '对解释不满意', '不满意，要求升级处理'];

export const REMARKS = ['需明日回访', '需跟进客服培训', '老客户，注意回访', '客户情绪激动，已安抚', '已发送优惠券补偿'];

export const FOLLOW_UP_OUTCOMES = {
  progress: ['已联系客户同步处理进展', '配件已到货，等待上门', '技术部仍在排查，已告知客户'],
  resolved: ['已上门更换配件，客户确认可正常使用', '退款已到账，客户确认', '补发商品已签收', '问题已修复，客户确认'],
  told: ['已电话告知客户处理结果', '已短信通知客户处理结果'],
  callback: ['客户表示认可处理结果', '客户仍有疑问，已再次解释', '客户满意，感谢回访', '客户未接听，已短信告知'],
  lead: ['主管致电客户致歉，客户接受', '已安排专人跟进，客户同意', '已复盘原因，加强相关培训'],
};

/** Usual reasons for each missed target, most likely first; "other" comes with its text. */
export const MISS_REASONS_BY_KIND: Record<TargetKind, ReadonlyArray<readonly [MissReasonCode, number]>> = {
  response: [['overload', 70], ['system_fault', 10], ['outside_hours', 10], ['other', 10]],
  secondResponse: [['waiting_on_department', 75], ['overload', 20], ['other', 5]],
  transferWithin: [['needs_customer_info', 50], ['overload', 40], ['other', 10]],
  resolution: [['waiting_on_department', 50], ['needs_customer_info', 25], ['customer_unreachable', 20], ['other', 5]],
  progressUpdate: [['overload', 100]],
  resultTold: [['customer_unreachable', 80], ['overload', 20]],
  callback: [['customer_unreachable', 65], ['overload', 35]],
  leadFollowUp: [['overload', 80], ['other', 20]],
};

export const OTHER_MISS_TEXTS = ['坐席临时离席', '系统升级期间无法登记', '交接班遗漏', '客户要求稍后再联系'];
