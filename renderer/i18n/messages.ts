/** Every visible string of the UI, in English and Simplified Chinese (the same keys in both). */
export const messages = {
  en: {
    app: { title: 'Cluster Lab', connected: 'Connected', disconnected: 'Disconnected — reconnecting…', language: 'Language', theme: 'Theme', light: 'Light', dark: 'Dark' },
    nav: { labs: 'Labs', editor: 'Editor', map: 'Map', timeline: 'Timeline', resources: 'Resources' },
    kubeconfig: { button: 'Use your own kubectl', title: 'Use your own kubectl', body: 'Paste this line into your shell; kubectl, k9s and client libraries then talk to this lab.', copy: 'Copy', copied: 'Copied', close: 'Close' },
    clock: { pause: 'Pause', resume: 'Resume', step: 'Step', speed: 'Speed', ahead: 'ahead of real time', behind: 'behind real time', paused: 'paused' },
    editor: { apply: 'Apply', dryRun: 'Dry run', diff: 'Diff', delete: 'Delete', templates: 'Templates', results: 'Results', loading: 'Loading the editor…', noErrors: 'No problems.' },
    terminal: { title: 'Terminal' },
    map: { title: 'Topology', unscheduled: 'Unscheduled', pods: 'pods', ready: 'ready', filter: 'Filter by label' },
    timeline: { title: 'Event timeline', filter: 'Filter', empty: 'Nothing has happened yet.' },
    resources: { title: 'Resources', kind: 'Kind', describe: 'Describe', yaml: 'YAML', why: 'Why here?' },
    labs: { title: 'Labs', start: 'Start', reset: 'Reset', check: 'Check now', source: 'From note', minutes: '{n} min', steps: '{n} steps', done: 'Done', active: 'In progress', locked: 'Locked', failed: 'Failed', hint: 'Hint', expected: 'Expected', actual: 'Actual', completed: 'Lab complete!', run: 'Run', copy: 'Copy', freePlay: 'Free play', welcome: 'Welcome to Cluster Lab', welcomeBody: 'A simulated Kubernetes 1.32 cluster runs on your machine. Pick a guided lab, or explore freely.' },
  },
  'zh-CN': {
    app: { title: 'Cluster Lab', connected: '已连接', disconnected: '连接断开 —— 正在重连…', language: '语言', theme: '主题', light: '浅色', dark: '深色' },
    nav: { labs: '实验', editor: '编辑器', map: '拓扑图', timeline: '时间线', resources: '资源' },
    kubeconfig: { button: '使用你自己的 kubectl', title: '使用你自己的 kubectl', body: '把这一行粘贴到你的 shell；kubectl、k9s 和客户端库就会连到这个实验集群。', copy: '复制', copied: '已复制', close: '关闭' },
    clock: { pause: '暂停', resume: '继续', step: '单步', speed: '速度', ahead: '快于真实时间', behind: '慢于真实时间', paused: '已暂停' },
    editor: { apply: '应用', dryRun: '试运行', diff: '对比', delete: '删除', templates: '模板', results: '结果', loading: '正在加载编辑器…', noErrors: '没有问题。' },
    terminal: { title: '终端' },
    map: { title: '拓扑', unscheduled: '未调度', pods: '个 Pod', ready: '就绪', filter: '按标签过滤' },
    timeline: { title: '事件时间线', filter: '过滤', empty: '还没有发生任何事。' },
    resources: { title: '资源', kind: '类型', describe: '描述', yaml: 'YAML', why: '为什么在这里？' },
    labs: { title: '实验', start: '开始', reset: '重置', check: '立即检查', source: '来自笔记', minutes: '{n} 分钟', steps: '{n} 步', done: '已完成', active: '进行中', locked: '未解锁', failed: '失败', hint: '提示', expected: '期望', actual: '实际', completed: '实验完成！', run: '运行', copy: '复制', freePlay: '自由练习', welcome: '欢迎使用 Cluster Lab', welcomeBody: '一个模拟的 Kubernetes 1.32 集群正在你的电脑上运行。选择一个引导实验，或自由探索。' },
  },
} as const;
