export { searchTerms, termsString } from './search-terms';
export { CHINESE_STOPWORDS, ENGLISH_STOPWORDS, isStopword } from './stopwords';
export { stripQuestionFraming } from './question-framing';
