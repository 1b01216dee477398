/**
 * The one DynamoDB table, built from the data layer's definition
 * (functions/data/table.ts) — the same one the local launcher creates — so a key
 * or an index added there appears here with no change to the infrastructure.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { table as definition } from "../../../functions/data/table.js";

export interface SingleTableProps {
  /** Physical table name; CloudFormation generates one when omitted. */
  tableName?: string;
}

export class SingleTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: SingleTableProps = {}) {
    super(scope, id);
    const text = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, "Table", {
      tableName: props.tableName,
      partitionKey: text(definition.partitionKey),
      sortKey: text(definition.sortKey),
      globalSecondaryIndexes: Object.values(definition.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: text(index.partitionKey),
        sortKey: text(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      billing: Billing.onDemand(),
      // Short-lived items (request-rate windows) carry their expiry in this attribute.
      timeToLiveAttribute: definition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Members, points and balances are the merchants' records: never deleted with a stack.
      removalPolicy: RemovalPolicy.RETAIN,
      // The transactional outbox: new event items go from the stream to the bus (jobs stack).
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
  }
}
