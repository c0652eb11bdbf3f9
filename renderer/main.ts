/** The renderer's entry: Pinia, vue-i18n (en / zh-CN, following the OS until the learner chooses), the app shell. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createI18n } from 'vue-i18n';
import App from './App.vue';
import { messages } from './i18n/messages';
import './theme.css';

const i18n = createI18n({ legacy: false, locale: navigator.language.startsWith('zh') ? 'zh-CN' : 'en', fallbackLocale: 'en', messages });
createApp(App).use(createPinia()).use(i18n).mount('#app');
