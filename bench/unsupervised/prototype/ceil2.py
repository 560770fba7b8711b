import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; import full; from gw import kmeans, sinkhorn
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); inp=sys.argv[3]
trm,am,bm,te=split(idv,42,inp)
XA=prep(A,am); XB=prep(B,bm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
rs=np.random.RandomState(1)
Wsup=procrustes(XA[trm],XB[trm])
for K in [int(x) for x in sys.argv[4].split(",")]:
  CA,p=kmeans(XA[am],K,rs,it=15)
  labB=(XB[bm]@(CA@Wsup).T).argmax(1)
  CB=l2(np.array([XB[bm][labB==k].sum(0) for k in range(K)])); pb=np.bincount(labB,minlength=K)/len(labB)
  u,s,vt=np.linalg.svd(CA.T@np.diag(p)@CB); W0=u@vt
  perm=rs.permutation(K); CBs=CB[perm]; q=pb[perm]; truth=np.argsort(perm)
  SA=CA@CA.T; SB=CBs@CBs.T; sigA=np.sort(SA,1); sigB=np.sort(SB,1); iu=np.triu_indices(K,1)
  M=((sigA[:,None,:]-sigB[None,:,:])**2).sum(2); T0=sinkhorn(M/M.std(),p,q,0.05)
  T,loss=full.egw_anneal(SA,SB,p,q,T0,[0.02,0.01,0.005,0.002])
  # independent kmeans on B
  CBi,qi=kmeans(XB[bm],K,rs,it=15); SBi=CBi@CBi.T; sigBi=np.sort(SBi,1)
  Mi=((sigA[:,None,:]-sigBi[None,:,:])**2).sum(2); Ti,lossi=full.egw_anneal(SA,SBi,p,qi,sinkhorn(Mi/Mi.std(),p,qi,0.05),[0.02,0.01,0.005,0.002])
  u,s,vt=np.linalg.svd(CA.T@Ti@CBi); Wi=u@vt
  print(K,'oracle W0 r1 %.3f'%rank1(XA[te]@W0,XB[te],idv[te]),'sim corr %.3f'%np.corrcoef(SA[iu],(CB@CB.T)[iu])[0,1],'GW loss %.4f correct %.2f'%(loss,np.mean(T.argmax(1)==truth)),
        '| indep kmeans GW loss %.4f r1 %.3f'%(lossi,rank1(XA[te]@Wi,XB[te],idv[te])),flush=True)
