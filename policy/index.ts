// The policy pack: checks call tasks of every kind (provider/kinds.ts) at `pulumi preview`, before anyone is dialed.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("ccc-call-windows", { policies });
