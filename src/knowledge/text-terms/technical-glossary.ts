import type { CedictEntry } from './cedict-data';

/**
 * English and Chinese for the words of machine learning, language models and software that
 * CC-CEDICT lacks (reinforcement learning, clustering) or ranks behind an everyday sense (agent →
 * 主体 before 智能体, brand → 牌子 before 品牌). A team's knowledge base is technical writing, and a
 * question in one language over a passage in the other meets it only through such words.
 * One line per Chinese word: the Chinese, then its English senses.
 */
const GLOSSARY = `
智能体 agent;intelligent agent
强化学习 reinforcement learning;rl
监督学习 supervised learning
无监督学习 unsupervised learning
半监督学习 semi-supervised learning
机器学习 machine learning
深度学习 deep learning
神经网络 neural network;neural networks
卷积神经网络 convolutional neural network;cnn
循环神经网络 recurrent neural network;rnn
聚类 clustering;cluster
层次聚类 hierarchical clustering
分类器 classifier
分类 classification;classify
回归 regression
线性回归 linear regression
逻辑回归 logistic regression
决策树 decision tree
随机森林 random forest
支持向量机 support vector machine;svm
核函数 kernel function;kernel
贝叶斯 bayes;bayesian
朴素贝叶斯 naive bayes
集成学习 ensemble learning
特征 feature;features
特征选择 feature selection
降维 dimensionality reduction
主成分分析 principal component analysis;pca
样本 sample;samples
样本空间 sample space
训练集 training set
测试集 test set
验证集 validation set
数据集 dataset;data set
过拟合 overfitting
欠拟合 underfitting
泛化 generalization;generalize
损失函数 loss function
目标函数 objective function
梯度 gradient
梯度下降 gradient descent
学习率 learning rate
正则化 regularization
超参数 hyperparameter;hyperparameters
参数 parameter;parameters
模型 model
算法 algorithm
推导 derivation;derive
公式 formula;equation
概率 probability
期望 expectation;expected value
方差 variance
偏差 bias
偏见 bias;prejudice
似然 likelihood
最大似然估计 maximum likelihood estimation
后验 posterior
先验 prior
属性 attribute;attributes
标记 label;labels
奖励 reward;rewards
状态 state;states;status
动作 action;actions
策略 policy;strategy
价值函数 value function
环境 environment
马尔可夫决策过程 markov decision process;mdp
探索 exploration;explore
利用 exploitation;exploit
大语言模型 large language model;large language models;llm
大模型 large model;large models
语言模型 language model;language models
提示 prompt;prompts
提示词 prompt;prompts
提示工程 prompt engineering
微调 fine-tuning;fine tuning;finetune;fine-tune
预训练 pre-training;pretraining;pretrain
幻觉 hallucination;hallucinations
涌现能力 emergent abilities;emergent ability
上下文 context
对话 conversation;dialogue;chat
聊天机器人 chatbot;chat bot
情感 sentiment;emotion;emotions
情感分析 sentiment analysis
推断 inferring;inference;infer
摘要 summary;summarize;summarizing;abstract
翻译 translate;translation;translating
校对 proofread;proofreading
扩展 expand;expanding
迭代 iterative;iteration;iterate
品牌 brand
产品 product
零售商 retailer
温度 temperature
检索 retrieval;retrieve;search
检索增强生成 retrieval-augmented generation;retrieval augmented generation;rag
知识库 knowledge base;knowledge bases
向量 vector;vectors;embedding
向量数据库 vector database
嵌入 embedding;embeddings;embed
嵌入模型 embedding model
文本块 chunk;chunks
分块 chunking
引用 citation;citations;cite
重新编号 renumber;renumbered
引擎 engine
抽取式 extractive
工作流 workflow;workflows
活动 activity;activities
工作进程 worker;workers
任务 task;tasks
子问题 sub-question;sub-questions;subquestion
研究任务 research task
报告 report
计划 plan;planning
导入 ingest;ingestion;import
同步 sync;synchronize
删除 delete;deletion
租户 tenant;tenants
密钥 api key;secret;key;keys
限流 rate limit;rate limiting
心跳 heartbeat;heartbeats
重试 retry;retries
超时 timeout;time out
历史 history
持久 durable;durability
部署 deploy;deployment
配置 configuration;configure;config
环境变量 environment variable;environment variables
命令行 command line;cli
面板 dashboard
指标 metrics;metric
日志 log;logs;logging
健康检查 health check
弃答 abstain;abstention
拒答 abstain;refuse to answer
标题 heading;headings;title
目录 table of contents;contents
页码 page number;page numbers
注解 annotation;annotations;note
读者 reader;readers
教程 tutorial;textbook
开源 open source;open-source
过程 process;processes
进程 process;processes
改写 rewrite;rewrites;revise;edit
重写 rewrite
查询 query;queries
领域 field;domain
字段 field;fields
状态码 status code;status codes
请求 request;requests
请求头 header;headers;request header
响应 response;responses
筛选 filter;filters
端点 endpoint;endpoints
接口 interface;endpoint;api
端口 port;ports
服务端 server
客户端 client;clients
默认值 default value;default
哈希 hash;hashes
签名 signature;signed;sign
回调 callback;webhook;webhooks
命令 command;commands
选项 option;options
标志 flag;flags
启动 start;starts;boot;startup;launch
线程 thread;threads
并发 concurrency;concurrent
延迟 latency;delay
错误率 error rate
积压 backlog
存储 storage;store
索引 index;indexes
页面 page;pages
路径 path;paths
文件夹 folder;folders;directory
概览 overview
认证 authentication;auth
权限 permission;permissions
字符 character;characters
上限 limit;maximum;cap
限制 limit;limits;restriction
评分 grade;grades;grading
评分器 grader
检查器 checker
生成 generate;generates;generation
召回率 recall
评估 evaluation;evaluate;eval
关键词 keyword;keywords
分词 tokenize;tokenization;word segmentation
相似度 similarity
重排 rerank;reranking;reranker
调度 schedule;scheduling;scheduler
事件 event;events
监控 monitoring;monitor
节点 node;nodes
离线 offline
断网 offline
依赖 dependency;dependencies;depend
安装 install;installation
构建 build;builds
令牌 token;tokens
载荷 payload;payloads
权重 weight;weights
阈值 threshold;thresholds
批次 batch;batches
`;

/** The glossary as dictionary entries, in the shape the CC-CEDICT readers take. */
export function technicalEntries(): CedictEntry[] {
  const entries: CedictEntry[] = [];
  for (const line of GLOSSARY.split('\n')) {
    const at = line.indexOf(' ');
    if (at < 0) continue;
    const chinese = line.slice(0, at);
    entries.push([chinese, chinese, '', line.slice(at + 1).split(';')]);
  }
  return entries;
}
