// @ts-nocheck
/* eslint-disable */
// Generated from schemas/iam-policy.schema.json by scripts/gen-types.mjs (ajv standalone). Do not edit by hand.
"use strict";
export const validate = validate14;
export default validate14;
const schema16 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/iam-mfa-lint/iam-mfa-lint/schemas/iam-policy.schema.json","title":"PolicyDocument","description":"An AWS IAM policy document (identity, resource or trust policy), as the IAM JSON policy grammar defines it.","type":"object","properties":{"Version":{"title":"PolicyVersion","description":"The policy language version. 2012-10-17 is current; 2008-10-17 does not expand policy variables.","type":"string","enum":["2012-10-17","2008-10-17"],"errorMessage":"must be \"2012-10-17\" (or the outdated \"2008-10-17\")"},"Id":{"description":"An optional identifier for the policy.","type":"string","errorMessage":"must be a string"},"Statement":{"description":"One statement, or an array of statements.","tsType":"Statement | Statement[]","if":{"type":"array"},"then":{"items":{"$ref":"#/definitions/Statement"}},"else":{"$ref":"#/definitions/Statement"}}},"required":["Statement"],"additionalProperties":false,"errorMessage":{"type":"A policy document must be a JSON object","required":{"Statement":"The policy has no Statement"}},"definitions":{"Statement":{"title":"Statement","type":"object","properties":{"Sid":{"description":"An optional statement identifier.","type":"string","errorMessage":"must be a string"},"Effect":{"title":"Effect","description":"Allow or Deny (case-sensitive).","type":"string","enum":["Allow","Deny"],"errorMessage":"must be \"Allow\" or \"Deny\" (case-sensitive)"},"Principal":{"$ref":"#/definitions/Principal"},"NotPrincipal":{"$ref":"#/definitions/Principal"},"Action":{"$ref":"#/definitions/ActionList"},"NotAction":{"$ref":"#/definitions/ActionList"},"Resource":{"$ref":"#/definitions/StringOrStringArray"},"NotResource":{"$ref":"#/definitions/StringOrStringArray"},"Condition":{"$ref":"#/definitions/ConditionBlock"}},"required":["Effect"],"additionalProperties":false,"if":{"not":{"required":["NotAction"]}},"then":{"required":["Action"],"errorMessage":"has neither Action nor NotAction"},"dependencies":{"Action":{"not":{"required":["NotAction"]},"errorMessage":"has both Action and NotAction"},"Resource":{"not":{"required":["NotResource"]},"errorMessage":"has both Resource and NotResource"},"Principal":{"not":{"required":["NotPrincipal"]},"errorMessage":"has both Principal and NotPrincipal"}},"errorMessage":{"type":"must be a JSON object","required":{"Effect":"has no Effect"}}},"StringOrStringArray":{"tsType":"string | string[]","if":{"type":"array"},"then":{"items":{"type":"string","errorMessage":"must be a string"}},"else":{"type":"string","errorMessage":"must be a string or an array of strings"}},"ActionList":{"description":"Action or NotAction: one action or a non-empty array of them; IAM rejects \"\" and [].","tsType":"string | string[]","if":{"type":"array"},"then":{"minItems":1,"items":{"type":"string","not":{"const":""},"errorMessage":{"type":"must be a string","not":"is empty; IAM rejects an empty action"}},"errorMessage":{"minItems":"is an empty list; IAM rejects a statement without actions"}},"else":{"type":"string","not":{"const":""},"errorMessage":{"type":"must be a string or an array of strings","not":"is empty; IAM rejects an empty action"}}},"Principal":{"title":"Principal","description":"\"*\" or a map of principal type to one or more principals.","anyOf":[{"type":"string","const":"*"},{"type":"object","properties":{"AWS":{"$ref":"#/definitions/StringOrStringArray"},"Service":{"$ref":"#/definitions/StringOrStringArray"},"Federated":{"$ref":"#/definitions/StringOrStringArray"},"CanonicalUser":{"$ref":"#/definitions/StringOrStringArray"}},"additionalProperties":false}],"errorMessage":"must be \"*\" or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a string or an array of strings"},"ConditionBlock":{"title":"ConditionBlock","description":"Condition operator -> condition key -> value or values.","type":"object","additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/ConditionValues"},"errorMessage":{"type":"must map condition keys to values"}},"errorMessage":{"type":"must be an object mapping condition operators to keys"}},"ConditionValues":{"title":"ConditionValues","tsType":"ConditionValue | ConditionValue[]","if":{"type":"array"},"then":{"items":{"$ref":"#/definitions/ConditionValue"}},"else":{"$ref":"#/definitions/ConditionValue"}},"ConditionValue":{"title":"ConditionValue","type":["string","number","boolean"],"errorMessage":"must be a string, a number or a boolean"}}};
const schema17 = {"title":"Statement","type":"object","properties":{"Sid":{"description":"An optional statement identifier.","type":"string","errorMessage":"must be a string"},"Effect":{"title":"Effect","description":"Allow or Deny (case-sensitive).","type":"string","enum":["Allow","Deny"],"errorMessage":"must be \"Allow\" or \"Deny\" (case-sensitive)"},"Principal":{"$ref":"#/definitions/Principal"},"NotPrincipal":{"$ref":"#/definitions/Principal"},"Action":{"$ref":"#/definitions/ActionList"},"NotAction":{"$ref":"#/definitions/ActionList"},"Resource":{"$ref":"#/definitions/StringOrStringArray"},"NotResource":{"$ref":"#/definitions/StringOrStringArray"},"Condition":{"$ref":"#/definitions/ConditionBlock"}},"required":["Effect"],"additionalProperties":false,"if":{"not":{"required":["NotAction"]}},"then":{"required":["Action"],"errorMessage":"has neither Action nor NotAction"},"dependencies":{"Action":{"not":{"required":["NotAction"]},"errorMessage":"has both Action and NotAction"},"Resource":{"not":{"required":["NotResource"]},"errorMessage":"has both Resource and NotResource"},"Principal":{"not":{"required":["NotPrincipal"]},"errorMessage":"has both Principal and NotPrincipal"}},"errorMessage":{"type":"must be a JSON object","required":{"Effect":"has no Effect"}}};
const schema23 = {"description":"Action or NotAction: one action or a non-empty array of them; IAM rejects \"\" and [].","tsType":"string | string[]","if":{"type":"array"},"then":{"minItems":1,"items":{"type":"string","not":{"const":""},"errorMessage":{"type":"must be a string","not":"is empty; IAM rejects an empty action"}},"errorMessage":{"minItems":"is an empty list; IAM rejects a statement without actions"}},"else":{"type":"string","not":{"const":""},"errorMessage":{"type":"must be a string or an array of strings","not":"is empty; IAM rejects an empty action"}}};
const schema19 = {"tsType":"string | string[]","if":{"type":"array"},"then":{"items":{"type":"string","errorMessage":"must be a string"}},"else":{"type":"string","errorMessage":"must be a string or an array of strings"}};
const func2 = Object.prototype.hasOwnProperty;
const schema18 = {"title":"Principal","description":"\"*\" or a map of principal type to one or more principals.","anyOf":[{"type":"string","const":"*"},{"type":"object","properties":{"AWS":{"$ref":"#/definitions/StringOrStringArray"},"Service":{"$ref":"#/definitions/StringOrStringArray"},"Federated":{"$ref":"#/definitions/StringOrStringArray"},"CanonicalUser":{"$ref":"#/definitions/StringOrStringArray"}},"additionalProperties":false}],"errorMessage":"must be \"*\" or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a string or an array of strings"};

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
if(typeof data !== "string"){
const err0 = {instancePath,schemaPath:"#/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if("*" !== data){
const err1 = {instancePath,schemaPath:"#/anyOf/0/const",keyword:"const",params:{allowedValue: "*"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
if(!valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "AWS") || (key0 === "Service")) || (key0 === "Federated")) || (key0 === "CanonicalUser"))){
const err2 = {instancePath,schemaPath:"#/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.AWS !== undefined){
let data0 = data.AWS;
const _errs8 = errors;
let valid3 = true;
const _errs9 = errors;
if(!(Array.isArray(data0))){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid1){
const _errs11 = errors;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(typeof data0[i0] !== "string"){
const err4 = {instancePath:instancePath+"/AWS/" + i0,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err5 of vErrors){
if(((((err5.keyword !== "errorMessage") && (!err5.emUsed)) && ((err5.instancePath === instancePath+"/AWS/" + i0) || ((err5.instancePath.indexOf(instancePath+"/AWS/" + i0) === 0) && (err5.instancePath[instancePath+"/AWS/" + i0.length] === "/")))) && (err5.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err5.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs0.push(err5);
err5.emUsed = true;
}
}
if(emErrs0.length){
const err6 = {instancePath:instancePath+"/AWS/" + i0,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const emErrs1 = [];
for(const err7 of vErrors){
if(!err7.emUsed){
emErrs1.push(err7);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
var _valid1 = _errs11 === errors;
valid3 = _valid1;
ifClause0 = "then";
}
else {
const _errs14 = errors;
if(typeof data0 !== "string"){
const err8 = {instancePath:instancePath+"/AWS",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err9 of vErrors){
if(((((err9.keyword !== "errorMessage") && (!err9.emUsed)) && ((err9.instancePath === instancePath+"/AWS") || ((err9.instancePath.indexOf(instancePath+"/AWS") === 0) && (err9.instancePath[instancePath+"/AWS".length] === "/")))) && (err9.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err9.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs2.push(err9);
err9.emUsed = true;
}
}
if(emErrs2.length){
const err10 = {instancePath:instancePath+"/AWS",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const emErrs3 = [];
for(const err11 of vErrors){
if(!err11.emUsed){
emErrs3.push(err11);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
var _valid1 = _errs14 === errors;
valid3 = _valid1;
ifClause0 = "else";
}
if(!valid3){
const err12 = {instancePath:instancePath+"/AWS",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.Service !== undefined){
let data2 = data.Service;
const _errs18 = errors;
let valid7 = true;
const _errs19 = errors;
if(!(Array.isArray(data2))){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid2 = _errs19 === errors;
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
let ifClause1;
if(_valid2){
const _errs21 = errors;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
if(typeof data2[i1] !== "string"){
const err14 = {instancePath:instancePath+"/Service/" + i1,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(errors > 0){
const emErrs4 = [];
for(const err15 of vErrors){
if(((((err15.keyword !== "errorMessage") && (!err15.emUsed)) && ((err15.instancePath === instancePath+"/Service/" + i1) || ((err15.instancePath.indexOf(instancePath+"/Service/" + i1) === 0) && (err15.instancePath[instancePath+"/Service/" + i1.length] === "/")))) && (err15.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err15.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs4.push(err15);
err15.emUsed = true;
}
}
if(emErrs4.length){
const err16 = {instancePath:instancePath+"/Service/" + i1,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"must be a string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const emErrs5 = [];
for(const err17 of vErrors){
if(!err17.emUsed){
emErrs5.push(err17);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
}
var _valid2 = _errs21 === errors;
valid7 = _valid2;
ifClause1 = "then";
}
else {
const _errs24 = errors;
if(typeof data2 !== "string"){
const err18 = {instancePath:instancePath+"/Service",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(errors > 0){
const emErrs6 = [];
for(const err19 of vErrors){
if(((((err19.keyword !== "errorMessage") && (!err19.emUsed)) && ((err19.instancePath === instancePath+"/Service") || ((err19.instancePath.indexOf(instancePath+"/Service") === 0) && (err19.instancePath[instancePath+"/Service".length] === "/")))) && (err19.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err19.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs6.push(err19);
err19.emUsed = true;
}
}
if(emErrs6.length){
const err20 = {instancePath:instancePath+"/Service",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const emErrs7 = [];
for(const err21 of vErrors){
if(!err21.emUsed){
emErrs7.push(err21);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
var _valid2 = _errs24 === errors;
valid7 = _valid2;
ifClause1 = "else";
}
if(!valid7){
const err22 = {instancePath:instancePath+"/Service",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause1},message:"must match \""+ifClause1+"\" schema"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.Federated !== undefined){
let data4 = data.Federated;
const _errs28 = errors;
let valid11 = true;
const _errs29 = errors;
if(!(Array.isArray(data4))){
const err23 = {};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
var _valid3 = _errs29 === errors;
errors = _errs28;
if(vErrors !== null){
if(_errs28){
vErrors.length = _errs28;
}
else {
vErrors = null;
}
}
let ifClause2;
if(_valid3){
const _errs31 = errors;
if(Array.isArray(data4)){
const len2 = data4.length;
for(let i2=0; i2<len2; i2++){
if(typeof data4[i2] !== "string"){
const err24 = {instancePath:instancePath+"/Federated/" + i2,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(errors > 0){
const emErrs8 = [];
for(const err25 of vErrors){
if(((((err25.keyword !== "errorMessage") && (!err25.emUsed)) && ((err25.instancePath === instancePath+"/Federated/" + i2) || ((err25.instancePath.indexOf(instancePath+"/Federated/" + i2) === 0) && (err25.instancePath[instancePath+"/Federated/" + i2.length] === "/")))) && (err25.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err25.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs8.push(err25);
err25.emUsed = true;
}
}
if(emErrs8.length){
const err26 = {instancePath:instancePath+"/Federated/" + i2,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must be a string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const emErrs9 = [];
for(const err27 of vErrors){
if(!err27.emUsed){
emErrs9.push(err27);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
}
}
var _valid3 = _errs31 === errors;
valid11 = _valid3;
ifClause2 = "then";
}
else {
const _errs34 = errors;
if(typeof data4 !== "string"){
const err28 = {instancePath:instancePath+"/Federated",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(errors > 0){
const emErrs10 = [];
for(const err29 of vErrors){
if(((((err29.keyword !== "errorMessage") && (!err29.emUsed)) && ((err29.instancePath === instancePath+"/Federated") || ((err29.instancePath.indexOf(instancePath+"/Federated") === 0) && (err29.instancePath[instancePath+"/Federated".length] === "/")))) && (err29.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err29.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs10.push(err29);
err29.emUsed = true;
}
}
if(emErrs10.length){
const err30 = {instancePath:instancePath+"/Federated",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs10},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
const emErrs11 = [];
for(const err31 of vErrors){
if(!err31.emUsed){
emErrs11.push(err31);
}
}
vErrors = emErrs11;
errors = emErrs11.length;
}
var _valid3 = _errs34 === errors;
valid11 = _valid3;
ifClause2 = "else";
}
if(!valid11){
const err32 = {instancePath:instancePath+"/Federated",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause2},message:"must match \""+ifClause2+"\" schema"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.CanonicalUser !== undefined){
let data6 = data.CanonicalUser;
const _errs38 = errors;
let valid15 = true;
const _errs39 = errors;
if(!(Array.isArray(data6))){
const err33 = {};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid4 = _errs39 === errors;
errors = _errs38;
if(vErrors !== null){
if(_errs38){
vErrors.length = _errs38;
}
else {
vErrors = null;
}
}
let ifClause3;
if(_valid4){
const _errs41 = errors;
if(Array.isArray(data6)){
const len3 = data6.length;
for(let i3=0; i3<len3; i3++){
if(typeof data6[i3] !== "string"){
const err34 = {instancePath:instancePath+"/CanonicalUser/" + i3,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(errors > 0){
const emErrs12 = [];
for(const err35 of vErrors){
if(((((err35.keyword !== "errorMessage") && (!err35.emUsed)) && ((err35.instancePath === instancePath+"/CanonicalUser/" + i3) || ((err35.instancePath.indexOf(instancePath+"/CanonicalUser/" + i3) === 0) && (err35.instancePath[instancePath+"/CanonicalUser/" + i3.length] === "/")))) && (err35.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err35.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs12.push(err35);
err35.emUsed = true;
}
}
if(emErrs12.length){
const err36 = {instancePath:instancePath+"/CanonicalUser/" + i3,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs12},message:"must be a string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
const emErrs13 = [];
for(const err37 of vErrors){
if(!err37.emUsed){
emErrs13.push(err37);
}
}
vErrors = emErrs13;
errors = emErrs13.length;
}
}
}
var _valid4 = _errs41 === errors;
valid15 = _valid4;
ifClause3 = "then";
}
else {
const _errs44 = errors;
if(typeof data6 !== "string"){
const err38 = {instancePath:instancePath+"/CanonicalUser",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(errors > 0){
const emErrs14 = [];
for(const err39 of vErrors){
if(((((err39.keyword !== "errorMessage") && (!err39.emUsed)) && ((err39.instancePath === instancePath+"/CanonicalUser") || ((err39.instancePath.indexOf(instancePath+"/CanonicalUser") === 0) && (err39.instancePath[instancePath+"/CanonicalUser".length] === "/")))) && (err39.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err39.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs14.push(err39);
err39.emUsed = true;
}
}
if(emErrs14.length){
const err40 = {instancePath:instancePath+"/CanonicalUser",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs14},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
const emErrs15 = [];
for(const err41 of vErrors){
if(!err41.emUsed){
emErrs15.push(err41);
}
}
vErrors = emErrs15;
errors = emErrs15.length;
}
var _valid4 = _errs44 === errors;
valid15 = _valid4;
ifClause3 = "else";
}
if(!valid15){
const err42 = {instancePath:instancePath+"/CanonicalUser",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause3},message:"must match \""+ifClause3+"\" schema"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
var _valid0 = _errs3 === errors;
valid0 = valid0 || _valid0;
}
if(!valid0){
const err44 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs16 = [];
for(const err45 of vErrors){
if(((((err45.keyword !== "errorMessage") && (!err45.emUsed)) && ((err45.instancePath === instancePath) || ((err45.instancePath.indexOf(instancePath) === 0) && (err45.instancePath[instancePath.length] === "/")))) && (err45.schemaPath.indexOf("#") === 0)) && (err45.schemaPath["#".length] === "/")){
emErrs16.push(err45);
err45.emUsed = true;
}
}
if(emErrs16.length){
const err46 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrs16},message:"must be \"*\" or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a string or an array of strings"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
const emErrs17 = [];
for(const err47 of vErrors){
if(!err47.emUsed){
emErrs17.push(err47);
}
}
vErrors = emErrs17;
errors = emErrs17.length;
}
validate16.errors = vErrors;
return errors === 0;
}

const schema27 = {"title":"ConditionBlock","description":"Condition operator -> condition key -> value or values.","type":"object","additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/ConditionValues"},"errorMessage":{"type":"must map condition keys to values"}},"errorMessage":{"type":"must be an object mapping condition operators to keys"}};
const schema28 = {"title":"ConditionValues","tsType":"ConditionValue | ConditionValue[]","if":{"type":"array"},"then":{"items":{"$ref":"#/definitions/ConditionValue"}},"else":{"$ref":"#/definitions/ConditionValue"}};
const schema29 = {"title":"ConditionValue","type":["string","number","boolean"],"errorMessage":"must be a string, a number or a boolean"};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = true;
const _errs1 = errors;
if(!(Array.isArray(data))){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs1 === errors;
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(((typeof data0 !== "string") && (!(typeof data0 == "number"))) && (typeof data0 !== "boolean")){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ConditionValue/type",keyword:"type",params:{type: schema29.type},message:"must be string,number,boolean"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err2 of vErrors){
if(((((err2.keyword !== "errorMessage") && (!err2.emUsed)) && ((err2.instancePath === instancePath+"/" + i0) || ((err2.instancePath.indexOf(instancePath+"/" + i0) === 0) && (err2.instancePath[instancePath+"/" + i0.length] === "/")))) && (err2.schemaPath.indexOf("#/definitions/ConditionValue") === 0)) && (err2.schemaPath["#/definitions/ConditionValue".length] === "/")){
emErrs0.push(err2);
err2.emUsed = true;
}
}
if(emErrs0.length){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/ConditionValue/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be a string, a number or a boolean"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const emErrs1 = [];
for(const err4 of vErrors){
if(!err4.emUsed){
emErrs1.push(err4);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs7 = errors;
if(((typeof data !== "string") && (!(typeof data == "number"))) && (typeof data !== "boolean")){
const err5 = {instancePath,schemaPath:"#/definitions/ConditionValue/type",keyword:"type",params:{type: schema29.type},message:"must be string,number,boolean"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err6 of vErrors){
if(((((err6.keyword !== "errorMessage") && (!err6.emUsed)) && ((err6.instancePath === instancePath) || ((err6.instancePath.indexOf(instancePath) === 0) && (err6.instancePath[instancePath.length] === "/")))) && (err6.schemaPath.indexOf("#/definitions/ConditionValue") === 0)) && (err6.schemaPath["#/definitions/ConditionValue".length] === "/")){
emErrs2.push(err6);
err6.emUsed = true;
}
}
if(emErrs2.length){
const err7 = {instancePath,schemaPath:"#/definitions/ConditionValue/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be a string, a number or a boolean"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const emErrs3 = [];
for(const err8 of vErrors){
if(!err8.emUsed){
emErrs3.push(err8);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
var _valid0 = _errs7 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err9 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}


function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
let data0 = data[key0];
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(validate20(data0[key1], {instancePath:instancePath+"/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data0,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath:instancePath+"/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"type":[]};
const templates0 = {};
for(const err1 of vErrors){
if((((((err1.keyword !== "errorMessage") && (!err1.emUsed)) && (err1.instancePath === instancePath+"/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"))) && (err1.keyword in emErrors0)) && (err1.schemaPath.indexOf("#/additionalProperties") === 0)) && (/^\/[^\/]*$/.test(err1.schemaPath.slice(22)))){
emErrors0[err1.keyword].push(err1);
err1.emUsed = true;
}
}
for(const key2 in emErrors0){
if(emErrors0[key2].length){
const err2 = {instancePath:instancePath+"/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/additionalProperties/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key2]},message:key2 in templates0 ? templates0[key2]() : schema27.additionalProperties.errorMessage[key2]};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
const emErrs0 = [];
for(const err3 of vErrors){
if(!err3.emUsed){
emErrs0.push(err3);
}
}
vErrors = emErrs0;
errors = emErrs0.length;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(errors > 0){
const emErrors1 = {"type":[]};
const templates1 = {};
for(const err5 of vErrors){
if((((((err5.keyword !== "errorMessage") && (!err5.emUsed)) && (err5.instancePath === instancePath)) && (err5.keyword in emErrors1)) && (err5.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err5.schemaPath.slice(1)))){
emErrors1[err5.keyword].push(err5);
err5.emUsed = true;
}
}
for(const key3 in emErrors1){
if(emErrors1[key3].length){
const err6 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors1[key3]},message:key3 in templates1 ? templates1[key3]() : schema27.errorMessage[key3]};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
const emErrs1 = [];
for(const err7 of vErrors){
if(!err7.emUsed){
emErrs1.push(err7);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
validate19.errors = vErrors;
return errors === 0;
}

const obj0 = {"required":"missingProperty","dependencies":"property","dependentRequired":"property"};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
const _errs3 = errors;
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.NotAction === undefined) && (missing0 = "NotAction")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var valid1 = _errs4 === errors;
if(valid1){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Action === undefined){
const err2 = {instancePath,schemaPath:"#/then/required",keyword:"required",params:{missingProperty: "Action"},message:"must have required property '"+"Action"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(errors > 0){
const emErrs0 = [];
for(const err3 of vErrors){
if(((((err3.keyword !== "errorMessage") && (!err3.emUsed)) && ((err3.instancePath === instancePath) || ((err3.instancePath.indexOf(instancePath) === 0) && (err3.instancePath[instancePath.length] === "/")))) && (err3.schemaPath.indexOf("#/then") === 0)) && (err3.schemaPath["#/then".length] === "/")){
emErrs0.push(err3);
err3.emUsed = true;
}
}
if(emErrs0.length){
const err4 = {instancePath,schemaPath:"#/then/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"has neither Action nor NotAction"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const emErrs1 = [];
for(const err5 of vErrors){
if(!err5.emUsed){
emErrs1.push(err5);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
var _valid0 = _errs5 === errors;
valid0 = _valid0;
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Effect === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "Effect"},message:"must have required property '"+"Effect"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema17.properties, key0))){
const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.Action !== undefined){
const _errs8 = errors;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.NotAction === undefined) && (missing1 = "NotAction")){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid3 = _errs9 === errors;
if(valid3){
const err10 = {instancePath,schemaPath:"#/dependencies/Action/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs2 = [];
for(const err11 of vErrors){
if(((((err11.keyword !== "errorMessage") && (!err11.emUsed)) && ((err11.instancePath === instancePath) || ((err11.instancePath.indexOf(instancePath) === 0) && (err11.instancePath[instancePath.length] === "/")))) && (err11.schemaPath.indexOf("#/dependencies/Action") === 0)) && (err11.schemaPath["#/dependencies/Action".length] === "/")){
emErrs2.push(err11);
err11.emUsed = true;
}
}
if(emErrs2.length){
const err12 = {instancePath,schemaPath:"#/dependencies/Action/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"has both Action and NotAction"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const emErrs3 = [];
for(const err13 of vErrors){
if(!err13.emUsed){
emErrs3.push(err13);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
if(data.Resource !== undefined){
const _errs11 = errors;
const _errs12 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.NotResource === undefined) && (missing2 = "NotResource")){
const err14 = {};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var valid4 = _errs12 === errors;
if(valid4){
const err15 = {instancePath,schemaPath:"#/dependencies/Resource/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs4 = [];
for(const err16 of vErrors){
if(((((err16.keyword !== "errorMessage") && (!err16.emUsed)) && ((err16.instancePath === instancePath) || ((err16.instancePath.indexOf(instancePath) === 0) && (err16.instancePath[instancePath.length] === "/")))) && (err16.schemaPath.indexOf("#/dependencies/Resource") === 0)) && (err16.schemaPath["#/dependencies/Resource".length] === "/")){
emErrs4.push(err16);
err16.emUsed = true;
}
}
if(emErrs4.length){
const err17 = {instancePath,schemaPath:"#/dependencies/Resource/errorMessage",keyword:"errorMessage",params:{errors: emErrs4},message:"has both Resource and NotResource"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const emErrs5 = [];
for(const err18 of vErrors){
if(!err18.emUsed){
emErrs5.push(err18);
}
}
vErrors = emErrs5;
errors = emErrs5.length;
}
}
if(data.Principal !== undefined){
const _errs14 = errors;
const _errs15 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.NotPrincipal === undefined) && (missing3 = "NotPrincipal")){
const err19 = {};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var valid5 = _errs15 === errors;
if(valid5){
const err20 = {instancePath,schemaPath:"#/dependencies/Principal/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrs6 = [];
for(const err21 of vErrors){
if(((((err21.keyword !== "errorMessage") && (!err21.emUsed)) && ((err21.instancePath === instancePath) || ((err21.instancePath.indexOf(instancePath) === 0) && (err21.instancePath[instancePath.length] === "/")))) && (err21.schemaPath.indexOf("#/dependencies/Principal") === 0)) && (err21.schemaPath["#/dependencies/Principal".length] === "/")){
emErrs6.push(err21);
err21.emUsed = true;
}
}
if(emErrs6.length){
const err22 = {instancePath,schemaPath:"#/dependencies/Principal/errorMessage",keyword:"errorMessage",params:{errors: emErrs6},message:"has both Principal and NotPrincipal"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const emErrs7 = [];
for(const err23 of vErrors){
if(!err23.emUsed){
emErrs7.push(err23);
}
}
vErrors = emErrs7;
errors = emErrs7.length;
}
}
if(data.Sid !== undefined){
if(typeof data.Sid !== "string"){
const err24 = {instancePath:instancePath+"/Sid",schemaPath:"#/properties/Sid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(errors > 0){
const emErrs8 = [];
for(const err25 of vErrors){
if(((((err25.keyword !== "errorMessage") && (!err25.emUsed)) && ((err25.instancePath === instancePath+"/Sid") || ((err25.instancePath.indexOf(instancePath+"/Sid") === 0) && (err25.instancePath[instancePath+"/Sid".length] === "/")))) && (err25.schemaPath.indexOf("#/properties/Sid") === 0)) && (err25.schemaPath["#/properties/Sid".length] === "/")){
emErrs8.push(err25);
err25.emUsed = true;
}
}
if(emErrs8.length){
const err26 = {instancePath:instancePath+"/Sid",schemaPath:"#/properties/Sid/errorMessage",keyword:"errorMessage",params:{errors: emErrs8},message:"must be a string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const emErrs9 = [];
for(const err27 of vErrors){
if(!err27.emUsed){
emErrs9.push(err27);
}
}
vErrors = emErrs9;
errors = emErrs9.length;
}
}
if(data.Effect !== undefined){
let data1 = data.Effect;
if(typeof data1 !== "string"){
const err28 = {instancePath:instancePath+"/Effect",schemaPath:"#/properties/Effect/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!((data1 === "Allow") || (data1 === "Deny"))){
const err29 = {instancePath:instancePath+"/Effect",schemaPath:"#/properties/Effect/enum",keyword:"enum",params:{allowedValues: schema17.properties.Effect.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(errors > 0){
const emErrs10 = [];
for(const err30 of vErrors){
if(((((err30.keyword !== "errorMessage") && (!err30.emUsed)) && ((err30.instancePath === instancePath+"/Effect") || ((err30.instancePath.indexOf(instancePath+"/Effect") === 0) && (err30.instancePath[instancePath+"/Effect".length] === "/")))) && (err30.schemaPath.indexOf("#/properties/Effect") === 0)) && (err30.schemaPath["#/properties/Effect".length] === "/")){
emErrs10.push(err30);
err30.emUsed = true;
}
}
if(emErrs10.length){
const err31 = {instancePath:instancePath+"/Effect",schemaPath:"#/properties/Effect/errorMessage",keyword:"errorMessage",params:{errors: emErrs10},message:"must be \"Allow\" or \"Deny\" (case-sensitive)"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
const emErrs11 = [];
for(const err32 of vErrors){
if(!err32.emUsed){
emErrs11.push(err32);
}
}
vErrors = emErrs11;
errors = emErrs11.length;
}
}
if(data.Principal !== undefined){
if(!(validate16(data.Principal, {instancePath:instancePath+"/Principal",parentData:data,parentDataProperty:"Principal",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.NotPrincipal !== undefined){
if(!(validate16(data.NotPrincipal, {instancePath:instancePath+"/NotPrincipal",parentData:data,parentDataProperty:"NotPrincipal",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.Action !== undefined){
let data4 = data.Action;
const _errs24 = errors;
let valid8 = true;
const _errs25 = errors;
if(!(Array.isArray(data4))){
const err33 = {};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid1 = _errs25 === errors;
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid1){
const _errs27 = errors;
if(Array.isArray(data4)){
if(data4.length < 1){
const err34 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/then/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 !== "string"){
const err35 = {instancePath:instancePath+"/Action/" + i0,schemaPath:"#/definitions/ActionList/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
const _errs30 = errors;
const _errs31 = errors;
if("" !== data5){
const err36 = {};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
var valid11 = _errs31 === errors;
if(valid11){
const err37 = {instancePath:instancePath+"/Action/" + i0,schemaPath:"#/definitions/ActionList/then/items/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
else {
errors = _errs30;
if(vErrors !== null){
if(_errs30){
vErrors.length = _errs30;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrors0 = {"type":[],"not":[]};
const templates0 = {};
for(const err38 of vErrors){
if((((((err38.keyword !== "errorMessage") && (!err38.emUsed)) && (err38.instancePath === instancePath+"/Action/" + i0)) && (err38.keyword in emErrors0)) && (err38.schemaPath.indexOf("#/definitions/ActionList/then/items") === 0)) && (/^\/[^\/]*$/.test(err38.schemaPath.slice(35)))){
emErrors0[err38.keyword].push(err38);
err38.emUsed = true;
}
}
for(const key1 in emErrors0){
if(emErrors0[key1].length){
const err39 = {instancePath:instancePath+"/Action/" + i0,schemaPath:"#/definitions/ActionList/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key1]},message:key1 in templates0 ? templates0[key1]() : schema23.then.items.errorMessage[key1]};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
const emErrs12 = [];
for(const err40 of vErrors){
if(!err40.emUsed){
emErrs12.push(err40);
}
}
vErrors = emErrs12;
errors = emErrs12.length;
}
}
}
if(errors > 0){
const emErrors1 = {"minItems":[]};
const templates1 = {};
for(const err41 of vErrors){
if((((((err41.keyword !== "errorMessage") && (!err41.emUsed)) && (err41.instancePath === instancePath+"/Action")) && (err41.keyword in emErrors1)) && (err41.schemaPath.indexOf("#/definitions/ActionList/then") === 0)) && (/^\/[^\/]*$/.test(err41.schemaPath.slice(29)))){
emErrors1[err41.keyword].push(err41);
err41.emUsed = true;
}
}
for(const key2 in emErrors1){
if(emErrors1[key2].length){
const err42 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/then/errorMessage",keyword:"errorMessage",params:{errors: emErrors1[key2]},message:key2 in templates1 ? templates1[key2]() : schema23.then.errorMessage[key2]};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
const emErrs13 = [];
for(const err43 of vErrors){
if(!err43.emUsed){
emErrs13.push(err43);
}
}
vErrors = emErrs13;
errors = emErrs13.length;
}
var _valid1 = _errs27 === errors;
valid8 = _valid1;
ifClause0 = "then";
}
else {
const _errs32 = errors;
if(typeof data4 !== "string"){
const err44 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
const _errs34 = errors;
const _errs35 = errors;
if("" !== data4){
const err45 = {};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
var valid12 = _errs35 === errors;
if(valid12){
const err46 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/else/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
else {
errors = _errs34;
if(vErrors !== null){
if(_errs34){
vErrors.length = _errs34;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrors2 = {"type":[],"not":[]};
const templates2 = {};
for(const err47 of vErrors){
if((((((err47.keyword !== "errorMessage") && (!err47.emUsed)) && (err47.instancePath === instancePath+"/Action")) && (err47.keyword in emErrors2)) && (err47.schemaPath.indexOf("#/definitions/ActionList/else") === 0)) && (/^\/[^\/]*$/.test(err47.schemaPath.slice(29)))){
emErrors2[err47.keyword].push(err47);
err47.emUsed = true;
}
}
for(const key3 in emErrors2){
if(emErrors2[key3].length){
const err48 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/else/errorMessage",keyword:"errorMessage",params:{errors: emErrors2[key3]},message:key3 in templates2 ? templates2[key3]() : schema23.else.errorMessage[key3]};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
const emErrs14 = [];
for(const err49 of vErrors){
if(!err49.emUsed){
emErrs14.push(err49);
}
}
vErrors = emErrs14;
errors = emErrs14.length;
}
var _valid1 = _errs32 === errors;
valid8 = _valid1;
ifClause0 = "else";
}
if(!valid8){
const err50 = {instancePath:instancePath+"/Action",schemaPath:"#/definitions/ActionList/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.NotAction !== undefined){
let data6 = data.NotAction;
const _errs38 = errors;
let valid14 = true;
const _errs39 = errors;
if(!(Array.isArray(data6))){
const err51 = {};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid2 = _errs39 === errors;
errors = _errs38;
if(vErrors !== null){
if(_errs38){
vErrors.length = _errs38;
}
else {
vErrors = null;
}
}
let ifClause1;
if(_valid2){
const _errs41 = errors;
if(Array.isArray(data6)){
if(data6.length < 1){
const err52 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/then/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
let data7 = data6[i1];
if(typeof data7 !== "string"){
const err53 = {instancePath:instancePath+"/NotAction/" + i1,schemaPath:"#/definitions/ActionList/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
const _errs44 = errors;
const _errs45 = errors;
if("" !== data7){
const err54 = {};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
var valid17 = _errs45 === errors;
if(valid17){
const err55 = {instancePath:instancePath+"/NotAction/" + i1,schemaPath:"#/definitions/ActionList/then/items/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
else {
errors = _errs44;
if(vErrors !== null){
if(_errs44){
vErrors.length = _errs44;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrors3 = {"type":[],"not":[]};
const templates3 = {};
for(const err56 of vErrors){
if((((((err56.keyword !== "errorMessage") && (!err56.emUsed)) && (err56.instancePath === instancePath+"/NotAction/" + i1)) && (err56.keyword in emErrors3)) && (err56.schemaPath.indexOf("#/definitions/ActionList/then/items") === 0)) && (/^\/[^\/]*$/.test(err56.schemaPath.slice(35)))){
emErrors3[err56.keyword].push(err56);
err56.emUsed = true;
}
}
for(const key4 in emErrors3){
if(emErrors3[key4].length){
const err57 = {instancePath:instancePath+"/NotAction/" + i1,schemaPath:"#/definitions/ActionList/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrors3[key4]},message:key4 in templates3 ? templates3[key4]() : schema23.then.items.errorMessage[key4]};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
const emErrs15 = [];
for(const err58 of vErrors){
if(!err58.emUsed){
emErrs15.push(err58);
}
}
vErrors = emErrs15;
errors = emErrs15.length;
}
}
}
if(errors > 0){
const emErrors4 = {"minItems":[]};
const templates4 = {};
for(const err59 of vErrors){
if((((((err59.keyword !== "errorMessage") && (!err59.emUsed)) && (err59.instancePath === instancePath+"/NotAction")) && (err59.keyword in emErrors4)) && (err59.schemaPath.indexOf("#/definitions/ActionList/then") === 0)) && (/^\/[^\/]*$/.test(err59.schemaPath.slice(29)))){
emErrors4[err59.keyword].push(err59);
err59.emUsed = true;
}
}
for(const key5 in emErrors4){
if(emErrors4[key5].length){
const err60 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/then/errorMessage",keyword:"errorMessage",params:{errors: emErrors4[key5]},message:key5 in templates4 ? templates4[key5]() : schema23.then.errorMessage[key5]};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
const emErrs16 = [];
for(const err61 of vErrors){
if(!err61.emUsed){
emErrs16.push(err61);
}
}
vErrors = emErrs16;
errors = emErrs16.length;
}
var _valid2 = _errs41 === errors;
valid14 = _valid2;
ifClause1 = "then";
}
else {
const _errs46 = errors;
if(typeof data6 !== "string"){
const err62 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
const _errs48 = errors;
const _errs49 = errors;
if("" !== data6){
const err63 = {};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
var valid18 = _errs49 === errors;
if(valid18){
const err64 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/else/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
else {
errors = _errs48;
if(vErrors !== null){
if(_errs48){
vErrors.length = _errs48;
}
else {
vErrors = null;
}
}
}
if(errors > 0){
const emErrors5 = {"type":[],"not":[]};
const templates5 = {};
for(const err65 of vErrors){
if((((((err65.keyword !== "errorMessage") && (!err65.emUsed)) && (err65.instancePath === instancePath+"/NotAction")) && (err65.keyword in emErrors5)) && (err65.schemaPath.indexOf("#/definitions/ActionList/else") === 0)) && (/^\/[^\/]*$/.test(err65.schemaPath.slice(29)))){
emErrors5[err65.keyword].push(err65);
err65.emUsed = true;
}
}
for(const key6 in emErrors5){
if(emErrors5[key6].length){
const err66 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/else/errorMessage",keyword:"errorMessage",params:{errors: emErrors5[key6]},message:key6 in templates5 ? templates5[key6]() : schema23.else.errorMessage[key6]};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
const emErrs17 = [];
for(const err67 of vErrors){
if(!err67.emUsed){
emErrs17.push(err67);
}
}
vErrors = emErrs17;
errors = emErrs17.length;
}
var _valid2 = _errs46 === errors;
valid14 = _valid2;
ifClause1 = "else";
}
if(!valid14){
const err68 = {instancePath:instancePath+"/NotAction",schemaPath:"#/definitions/ActionList/if",keyword:"if",params:{failingKeyword: ifClause1},message:"must match \""+ifClause1+"\" schema"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.Resource !== undefined){
let data8 = data.Resource;
const _errs52 = errors;
let valid20 = true;
const _errs53 = errors;
if(!(Array.isArray(data8))){
const err69 = {};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
var _valid3 = _errs53 === errors;
errors = _errs52;
if(vErrors !== null){
if(_errs52){
vErrors.length = _errs52;
}
else {
vErrors = null;
}
}
let ifClause2;
if(_valid3){
const _errs55 = errors;
if(Array.isArray(data8)){
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
if(typeof data8[i2] !== "string"){
const err70 = {instancePath:instancePath+"/Resource/" + i2,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(errors > 0){
const emErrs18 = [];
for(const err71 of vErrors){
if(((((err71.keyword !== "errorMessage") && (!err71.emUsed)) && ((err71.instancePath === instancePath+"/Resource/" + i2) || ((err71.instancePath.indexOf(instancePath+"/Resource/" + i2) === 0) && (err71.instancePath[instancePath+"/Resource/" + i2.length] === "/")))) && (err71.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err71.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs18.push(err71);
err71.emUsed = true;
}
}
if(emErrs18.length){
const err72 = {instancePath:instancePath+"/Resource/" + i2,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs18},message:"must be a string"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
const emErrs19 = [];
for(const err73 of vErrors){
if(!err73.emUsed){
emErrs19.push(err73);
}
}
vErrors = emErrs19;
errors = emErrs19.length;
}
}
}
var _valid3 = _errs55 === errors;
valid20 = _valid3;
ifClause2 = "then";
}
else {
const _errs58 = errors;
if(typeof data8 !== "string"){
const err74 = {instancePath:instancePath+"/Resource",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(errors > 0){
const emErrs20 = [];
for(const err75 of vErrors){
if(((((err75.keyword !== "errorMessage") && (!err75.emUsed)) && ((err75.instancePath === instancePath+"/Resource") || ((err75.instancePath.indexOf(instancePath+"/Resource") === 0) && (err75.instancePath[instancePath+"/Resource".length] === "/")))) && (err75.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err75.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs20.push(err75);
err75.emUsed = true;
}
}
if(emErrs20.length){
const err76 = {instancePath:instancePath+"/Resource",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs20},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
const emErrs21 = [];
for(const err77 of vErrors){
if(!err77.emUsed){
emErrs21.push(err77);
}
}
vErrors = emErrs21;
errors = emErrs21.length;
}
var _valid3 = _errs58 === errors;
valid20 = _valid3;
ifClause2 = "else";
}
if(!valid20){
const err78 = {instancePath:instancePath+"/Resource",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause2},message:"must match \""+ifClause2+"\" schema"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data.NotResource !== undefined){
let data10 = data.NotResource;
const _errs62 = errors;
let valid24 = true;
const _errs63 = errors;
if(!(Array.isArray(data10))){
const err79 = {};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
var _valid4 = _errs63 === errors;
errors = _errs62;
if(vErrors !== null){
if(_errs62){
vErrors.length = _errs62;
}
else {
vErrors = null;
}
}
let ifClause3;
if(_valid4){
const _errs65 = errors;
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
if(typeof data10[i3] !== "string"){
const err80 = {instancePath:instancePath+"/NotResource/" + i3,schemaPath:"#/definitions/StringOrStringArray/then/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(errors > 0){
const emErrs22 = [];
for(const err81 of vErrors){
if(((((err81.keyword !== "errorMessage") && (!err81.emUsed)) && ((err81.instancePath === instancePath+"/NotResource/" + i3) || ((err81.instancePath.indexOf(instancePath+"/NotResource/" + i3) === 0) && (err81.instancePath[instancePath+"/NotResource/" + i3.length] === "/")))) && (err81.schemaPath.indexOf("#/definitions/StringOrStringArray/then/items") === 0)) && (err81.schemaPath["#/definitions/StringOrStringArray/then/items".length] === "/")){
emErrs22.push(err81);
err81.emUsed = true;
}
}
if(emErrs22.length){
const err82 = {instancePath:instancePath+"/NotResource/" + i3,schemaPath:"#/definitions/StringOrStringArray/then/items/errorMessage",keyword:"errorMessage",params:{errors: emErrs22},message:"must be a string"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
const emErrs23 = [];
for(const err83 of vErrors){
if(!err83.emUsed){
emErrs23.push(err83);
}
}
vErrors = emErrs23;
errors = emErrs23.length;
}
}
}
var _valid4 = _errs65 === errors;
valid24 = _valid4;
ifClause3 = "then";
}
else {
const _errs68 = errors;
if(typeof data10 !== "string"){
const err84 = {instancePath:instancePath+"/NotResource",schemaPath:"#/definitions/StringOrStringArray/else/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(errors > 0){
const emErrs24 = [];
for(const err85 of vErrors){
if(((((err85.keyword !== "errorMessage") && (!err85.emUsed)) && ((err85.instancePath === instancePath+"/NotResource") || ((err85.instancePath.indexOf(instancePath+"/NotResource") === 0) && (err85.instancePath[instancePath+"/NotResource".length] === "/")))) && (err85.schemaPath.indexOf("#/definitions/StringOrStringArray/else") === 0)) && (err85.schemaPath["#/definitions/StringOrStringArray/else".length] === "/")){
emErrs24.push(err85);
err85.emUsed = true;
}
}
if(emErrs24.length){
const err86 = {instancePath:instancePath+"/NotResource",schemaPath:"#/definitions/StringOrStringArray/else/errorMessage",keyword:"errorMessage",params:{errors: emErrs24},message:"must be a string or an array of strings"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
const emErrs25 = [];
for(const err87 of vErrors){
if(!err87.emUsed){
emErrs25.push(err87);
}
}
vErrors = emErrs25;
errors = emErrs25.length;
}
var _valid4 = _errs68 === errors;
valid24 = _valid4;
ifClause3 = "else";
}
if(!valid24){
const err88 = {instancePath:instancePath+"/NotResource",schemaPath:"#/definitions/StringOrStringArray/if",keyword:"if",params:{failingKeyword: ifClause3},message:"must match \""+ifClause3+"\" schema"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data.Condition !== undefined){
if(!(validate19(data.Condition, {instancePath:instancePath+"/Condition",parentData:data,parentDataProperty:"Condition",rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err89 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(errors > 0){
const emErrors6 = {"type":[]};
const templates6 = {};
for(const err90 of vErrors){
if((((((err90.keyword !== "errorMessage") && (!err90.emUsed)) && (err90.instancePath === instancePath)) && (err90.keyword in emErrors6)) && (err90.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err90.schemaPath.slice(1)))){
emErrors6[err90.keyword].push(err90);
err90.emUsed = true;
}
}
for(const key7 in emErrors6){
if(emErrors6[key7].length){
const err91 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors6[key7]},message:key7 in templates6 ? templates6[key7]() : schema17.errorMessage[key7]};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
const emErrors7 = {"required":{"Effect":[]}};
const templates7 = {required:{}};
let emPropParams0;
let emParamsErrors0;
for(const err92 of vErrors){
if((((((err92.keyword !== "errorMessage") && (!err92.emUsed)) && (err92.instancePath === instancePath)) && (err92.keyword in emErrors7)) && (err92.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err92.schemaPath.slice(1)))){
emPropParams0 = obj0[err92.keyword];
emParamsErrors0 = emErrors7[err92.keyword][err92.params[emPropParams0]];
if(emParamsErrors0){
emParamsErrors0.push(err92);
err92.emUsed = true;
}
}
}
for(const key8 in emErrors7){
for(const keyProp0 in emErrors7[key8]){
emParamsErrors0 = emErrors7[key8][keyProp0];
if(emParamsErrors0.length){
const tmpl0 = templates7[key8] && templates7[key8][keyProp0];
const err93 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emParamsErrors0},message:tmpl0 ? tmpl0() : schema17.errorMessage[key8][keyProp0]};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
const emErrs26 = [];
for(const err94 of vErrors){
if(!err94.emUsed){
emErrs26.push(err94);
}
}
vErrors = emErrs26;
errors = emErrs26.length;
}
validate15.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://github.com/iam-mfa-lint/iam-mfa-lint/schemas/iam-policy.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.Statement === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "Statement"},message:"must have required property '"+"Statement"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "Version") || (key0 === "Id")) || (key0 === "Statement"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.Version !== undefined){
let data0 = data.Version;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/Version",schemaPath:"#/properties/Version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "2012-10-17") || (data0 === "2008-10-17"))){
const err3 = {instancePath:instancePath+"/Version",schemaPath:"#/properties/Version/enum",keyword:"enum",params:{allowedValues: schema16.properties.Version.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(errors > 0){
const emErrs0 = [];
for(const err4 of vErrors){
if(((((err4.keyword !== "errorMessage") && (!err4.emUsed)) && ((err4.instancePath === instancePath+"/Version") || ((err4.instancePath.indexOf(instancePath+"/Version") === 0) && (err4.instancePath[instancePath+"/Version".length] === "/")))) && (err4.schemaPath.indexOf("#/properties/Version") === 0)) && (err4.schemaPath["#/properties/Version".length] === "/")){
emErrs0.push(err4);
err4.emUsed = true;
}
}
if(emErrs0.length){
const err5 = {instancePath:instancePath+"/Version",schemaPath:"#/properties/Version/errorMessage",keyword:"errorMessage",params:{errors: emErrs0},message:"must be \"2012-10-17\" (or the outdated \"2008-10-17\")"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const emErrs1 = [];
for(const err6 of vErrors){
if(!err6.emUsed){
emErrs1.push(err6);
}
}
vErrors = emErrs1;
errors = emErrs1.length;
}
}
if(data.Id !== undefined){
if(typeof data.Id !== "string"){
const err7 = {instancePath:instancePath+"/Id",schemaPath:"#/properties/Id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(errors > 0){
const emErrs2 = [];
for(const err8 of vErrors){
if(((((err8.keyword !== "errorMessage") && (!err8.emUsed)) && ((err8.instancePath === instancePath+"/Id") || ((err8.instancePath.indexOf(instancePath+"/Id") === 0) && (err8.instancePath[instancePath+"/Id".length] === "/")))) && (err8.schemaPath.indexOf("#/properties/Id") === 0)) && (err8.schemaPath["#/properties/Id".length] === "/")){
emErrs2.push(err8);
err8.emUsed = true;
}
}
if(emErrs2.length){
const err9 = {instancePath:instancePath+"/Id",schemaPath:"#/properties/Id/errorMessage",keyword:"errorMessage",params:{errors: emErrs2},message:"must be a string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const emErrs3 = [];
for(const err10 of vErrors){
if(!err10.emUsed){
emErrs3.push(err10);
}
}
vErrors = emErrs3;
errors = emErrs3.length;
}
}
if(data.Statement !== undefined){
let data2 = data.Statement;
const _errs7 = errors;
let valid1 = true;
const _errs8 = errors;
if(!(Array.isArray(data2))){
const err11 = {};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs10 = errors;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate15(data2[i0], {instancePath:instancePath+"/Statement/" + i0,parentData:data2,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
var _valid0 = _errs10 === errors;
valid1 = _valid0;
ifClause0 = "then";
}
else {
const _errs12 = errors;
if(!(validate15(data2, {instancePath:instancePath+"/Statement",parentData:data,parentDataProperty:"Statement",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
var _valid0 = _errs12 === errors;
valid1 = _valid0;
ifClause0 = "else";
}
if(!valid1){
const err12 = {instancePath:instancePath+"/Statement",schemaPath:"#/properties/Statement/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(errors > 0){
const emErrors0 = {"type":[]};
const templates0 = {};
for(const err14 of vErrors){
if((((((err14.keyword !== "errorMessage") && (!err14.emUsed)) && (err14.instancePath === instancePath)) && (err14.keyword in emErrors0)) && (err14.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err14.schemaPath.slice(1)))){
emErrors0[err14.keyword].push(err14);
err14.emUsed = true;
}
}
for(const key1 in emErrors0){
if(emErrors0[key1].length){
const err15 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emErrors0[key1]},message:key1 in templates0 ? templates0[key1]() : schema16.errorMessage[key1]};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
const emErrors1 = {"required":{"Statement":[]}};
const templates1 = {required:{}};
let emPropParams0;
let emParamsErrors0;
for(const err16 of vErrors){
if((((((err16.keyword !== "errorMessage") && (!err16.emUsed)) && (err16.instancePath === instancePath)) && (err16.keyword in emErrors1)) && (err16.schemaPath.indexOf("#") === 0)) && (/^\/[^\/]*$/.test(err16.schemaPath.slice(1)))){
emPropParams0 = obj0[err16.keyword];
emParamsErrors0 = emErrors1[err16.keyword][err16.params[emPropParams0]];
if(emParamsErrors0){
emParamsErrors0.push(err16);
err16.emUsed = true;
}
}
}
for(const key2 in emErrors1){
for(const keyProp0 in emErrors1[key2]){
emParamsErrors0 = emErrors1[key2][keyProp0];
if(emParamsErrors0.length){
const tmpl0 = templates1[key2] && templates1[key2][keyProp0];
const err17 = {instancePath,schemaPath:"#/errorMessage",keyword:"errorMessage",params:{errors: emParamsErrors0},message:tmpl0 ? tmpl0() : schema16.errorMessage[key2][keyProp0]};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
const emErrs4 = [];
for(const err18 of vErrors){
if(!err18.emUsed){
emErrs4.push(err18);
}
}
vErrors = emErrs4;
errors = emErrs4.length;
}
validate14.errors = vErrors;
return errors === 0;
}

