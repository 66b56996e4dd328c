import { Injectable } from '@nestjs/common';
import { KnowledgeStore } from './store';
import { WeaviateService } from './weaviate.service';

/** One KnowledgeStore per process over the shared Weaviate client. */
@Injectable()
export class KnowledgeStoreService {
  private instance?: Promise<KnowledgeStore>;

  constructor(private readonly weaviate: WeaviateService) {}

  store(): Promise<KnowledgeStore> {
    this.instance ??= this.weaviate.client().then((client) => new KnowledgeStore(client));
    // A failed connection must not be cached forever.
    this.instance.catch(() => (this.instance = undefined));
    return this.instance;
  }
}
