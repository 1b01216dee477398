/** RegularsData: the single DynamoDB table (retained when the stack goes). */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { TableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { SingleTable } from "../constructs/single-table.js";

export class DataStack extends Stack {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { description: "Regulars data: the single DynamoDB table", ...props });
    this.table = new SingleTable(this, "Data").table;
    new CfnOutput(this, "TableName", { value: this.table.tableName, description: "DynamoDB table" });
  }
}
