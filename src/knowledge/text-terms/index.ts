export { contentWords, searchTerms, termsString } from './search-terms';
export { CHINESE_STOPWORDS, ENGLISH_STOPWORDS, isStopword } from './stopwords';
export { stripQuestionFraming } from './question-framing';
export {
  chineseTermsFor,
  englishConcepts,
  isLatinQuery,
  withChineseTerms,
  type EnglishConcept,
} from './cross-lingual';
export { englishChineseDictionary } from './english-chinese-dictionary';
export {
  chineseConcepts,
  englishTermsFor,
  withEnglishTerms,
  withTranslatedTerms,
  type ChineseConcept,
} from './chinese-english';
export { chineseEnglishDictionary } from './chinese-english-dictionary';
